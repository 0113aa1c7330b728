namespace IssueSync.Admin.Contracts;

// Connections (docs/admin-api.md, "Connections"). Tokens are never part of any of these. Times are UTC.

/// <summary>A Jira site a connection can reach.</summary>
public sealed record SiteView(string Id, string Name, string Url);

/// <summary>How many of a connection's commands are in each state.</summary>
public sealed record CommandCounts(int Pending, int InProgress, int Parked, int Failed, int Created, int Discarded, int Uncertain);

/// <summary>A connection: one connected Atlassian account and the Jira site chosen for it.</summary>
public record ConnectionView
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    /// <summary>AwaitingAuthorization, AwaitingSiteChoice, Active, ReauthorizationRequired, Disconnected or AwaitingAccountConfirmation.</summary>
    public required string Status { get; init; }

    public string? StatusReason { get; init; }

    public string? CloudId { get; init; }

    public string? SiteUrl { get; init; }

    public string? SiteName { get; init; }

    public IReadOnlyList<SiteView> AvailableSites { get; init; } = [];

    /// <summary>The Atlassian account that consented: the grant is bound to it.</summary>
    public string? AtlassianAccountId { get; init; }

    /// <summary>That account's name and email, as Atlassian showed them at consent.</summary>
    public string? AtlassianAccount { get; init; }

    /// <summary>Another account that completed a reconnect; held until an operator confirms or refuses it.</summary>
    public string? PendingAccountId { get; init; }

    public string? PendingAccount { get; init; }

    public DateTime? AccessTokenExpiresAt { get; init; }

    public DateTime? LastRefreshedAt { get; init; }

    /// <summary>Jira paused this connection's site (or the whole app) until then after a 429.</summary>
    public DateTime? ThrottledUntil { get; init; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime UpdatedAt { get; init; }

    public required CommandCounts Commands { get; init; }
}

/// <summary>The answer to <c>POST /admin/connections</c>: the connection, and the URL the user opens to consent (one flat object).</summary>
public sealed record CreatedConnectionView : ConnectionView
{
    public CreatedConnectionView()
    {
    }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public CreatedConnectionView(ConnectionView connection, Uri authorizeUrl, DateTime authorizeExpiresAt)
        : base(connection)
    {
        AuthorizeUrl = authorizeUrl;
        AuthorizeExpiresAt = authorizeExpiresAt;
    }

    // After the connection's own properties (System.Text.Json writes a derived type's properties first otherwise).
    [System.Text.Json.Serialization.JsonPropertyOrder(1)]
    public required Uri AuthorizeUrl { get; init; }

    [System.Text.Json.Serialization.JsonPropertyOrder(1)]
    public required DateTime AuthorizeExpiresAt { get; init; }
}

/// <summary>The answer to <c>POST /admin/connections/{name}/authorize</c>: a new single-use consent URL.</summary>
public sealed record AuthorizeLink(Uri AuthorizeUrl, DateTime ExpiresAt);

/// <summary>The body of <c>POST /admin/connections</c>.</summary>
public sealed record NewConnectionRequest(string? Name);

/// <summary>
/// The body of <c>POST /admin/connections/{name}/account/confirm</c>: the account id being confirmed, which must be the
/// one held (so a confirmation never applies to an account the operator did not see).
/// </summary>
public sealed record ConfirmAccountRequest(string? AccountId);

/// <summary>The body of <c>PUT /admin/connections/{name}/site</c>: a cloud id or a site URL.</summary>
public sealed record ChooseSiteRequest(string? Site);
