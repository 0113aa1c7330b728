namespace IssueSync.Worker.Persistence.Entities;

/// <summary>One try at a command, with what came of it (the command's history for operators).</summary>
public sealed class CommandAttempt
{
    public const int MaxOutcomeLength = 60;
    public const int MaxDetailLength = 4000;
    public const int MaxReplicaLength = 200;

    public long Id { get; set; }

    public Guid CommandId { get; set; }

    public int Number { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public required string Outcome { get; set; }

    public int? HttpStatus { get; set; }

    /// <summary>The wait Jira asked for (Retry-After), in seconds.</summary>
    public double? RetryAfterSeconds { get; set; }

    public string? Detail { get; set; }

    public string? Replica { get; set; }
}
