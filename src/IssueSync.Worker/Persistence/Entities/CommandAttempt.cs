namespace IssueSync.Worker.Persistence.Entities;

/// <summary>One try at creating the issue of a command, with what came of it.</summary>
public sealed class CommandAttempt
{
    public long Id { get; set; }

    public Guid CommandId { get; set; }

    public int Number { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public required string Outcome { get; set; }

    public int? HttpStatus { get; set; }

    public string? Detail { get; set; }

    public string? Replica { get; set; }
}
