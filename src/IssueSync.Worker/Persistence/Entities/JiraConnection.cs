namespace IssueSync.Worker.Persistence.Entities;

/// <summary>
/// One Atlassian grant: the OAuth token pair of one (app, Atlassian account), and the Jira site chosen for it.
/// Tokens are stored encrypted (ASP.NET Core Data Protection); <see cref="Version"/> is an optimistic
/// concurrency token so a refresh that lost a race never overwrites a newer rotated refresh token.
/// </summary>
public sealed class JiraConnection
{
    public const int MaxNameLength = 200;
    public const int MaxStatusReasonLength = 2000;
    public const int MaxAccountIdLength = 128;
    public const int MaxAccountNameLength = 300;

    public Guid Id { get; set; }

    /// <summary>The name producers use in <c>CreateIssue.ConnectionId</c> (for example a tenant id).</summary>
    public required string Name { get; set; }

    public ConnectionStatus Status { get; set; }

    /// <summary>The Atlassian account that consented (from <c>/me</c>): the grant is bound to it.</summary>
    public string? AtlassianAccountId { get; set; }

    /// <summary>That account as operators know it ("Name &lt;email&gt;").</summary>
    public string? AtlassianAccountName { get; set; }

    /// <summary>
    /// Another account completed a reconnect link: its tokens are stored, but nothing uses them until an operator
    /// confirms this account (it becomes <see cref="AtlassianAccountId"/>) or refuses it (its tokens are erased).
    /// </summary>
    public string? PendingAtlassianAccountId { get; set; }

    public string? PendingAtlassianAccountName { get; set; }

    public string? ProtectedAccessToken { get; set; }

    public DateTime? AccessTokenExpiresAt { get; set; }

    public string? ProtectedRefreshToken { get; set; }

    public string? Scopes { get; set; }

    public string? CloudId { get; set; }

    public string? SiteUrl { get; set; }

    public string? SiteName { get; set; }

    /// <summary>The sites accessible-resources returned at the last discovery, as JSON (id, name, url).</summary>
    public string? AvailableSitesJson { get; set; }

    public DateTime? LastRefreshedAt { get; set; }

    public string? StatusReason { get; set; }

    /// <summary>
    /// Set just before a refresh token is sent to Atlassian, cleared once the rotated pair is stored. While set, a
    /// rotation may have happened whose answer was lost: a sweeper completes it inside Atlassian's 10-minute leeway.
    /// </summary>
    public DateTime? RotationStartedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}
