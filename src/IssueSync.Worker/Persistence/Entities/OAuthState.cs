namespace IssueSync.Worker.Persistence.Entities;

/// <summary>A pending OAuth authorization: single use, short-lived, bound to the connection that started it.</summary>
public sealed class OAuthState
{
    /// <summary>SHA-256 of the state value sent to Atlassian; the value itself is never stored.</summary>
    public required string StateHash { get; set; }

    public Guid ConnectionId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}
