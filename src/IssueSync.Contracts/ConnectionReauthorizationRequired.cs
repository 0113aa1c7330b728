namespace IssueSync.Contracts;

/// <summary>
/// Atlassian revoked the connection's grant (<c>invalid_grant</c>): its user must connect again. Commands for the
/// connection are parked, not failed, and resume by themselves after the reconnect.
/// </summary>
public sealed record ConnectionReauthorizationRequired
{
    /// <summary>The connection whose user must connect again.</summary>
    public required string ConnectionId { get; init; }

    /// <summary>Atlassian's answer, in plain words.</summary>
    public required string Reason { get; init; }

    /// <summary>When IssueSync learned of it.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
