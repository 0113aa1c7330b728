namespace IssueSync.Worker.Persistence.Entities;

/// <summary>
/// One state-changing call on the operator surface (admin API or console): who (the key's name and role), what (the
/// use case and its target), when, and what came of it (the HTTP status). A call that touched commands has one entry
/// per command, so each command's history shows it.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxActorLength = 200;
    public const int MaxRoleLength = 20;
    public const int MaxActionLength = 60;
    public const int MaxTargetLength = 300;
    public const int MaxDetailLength = 2000;
    public const int MaxSurfaceLength = 20;

    public Guid Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>The name of the key that made the call.</summary>
    public required string Actor { get; set; }

    public required string Role { get; set; }

    /// <summary>The use case, e.g. <c>RetryCommand</c>, <c>DisconnectConnection</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What the call named: a command id, key or prefix, a connection name; null for calls on a selection.</summary>
    public string? Target { get; set; }

    public Guid? CommandId { get; set; }

    /// <summary>The HTTP status of the answer (200, 409 …).</summary>
    public int Status { get; set; }

    /// <summary>What the operator said or chose (a discard reason, the issue key of a resolve, a re-drive filter).</summary>
    public string? Detail { get; set; }

    /// <summary><c>api</c> or <c>console</c>.</summary>
    public required string Surface { get; set; }
}
