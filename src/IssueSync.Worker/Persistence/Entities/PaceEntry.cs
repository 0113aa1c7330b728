namespace IssueSync.Worker.Persistence.Entities;

/// <summary>
/// Pacing state shared by every replica for one scope: the whole app (<c>app</c>) or one Jira site
/// (<c>site:{cloudId}</c>). A pause is set after a 429 and honoured by every replica until it ends; a site's create
/// rate is learnt from Jira's answers and shared out among the live replicas.
/// </summary>
public sealed class PaceEntry
{
    public const int MaxScopeLength = 100;
    public const int MaxReasonLength = 200;

    public required string Scope { get; set; }

    /// <summary>No request in this scope goes to Jira before this time (ledger clock).</summary>
    public DateTime? PausedUntil { get; set; }

    /// <summary>Jira's RateLimit-Reason of the 429 that set the pause.</summary>
    public string? PauseReason { get; set; }

    /// <summary>Create requests per second the whole app sends to this site (all replicas together); null = the configured start.</summary>
    public double? RatePerSecond { get; set; }

    /// <summary>The site's limit as Jira last stated it (X-RateLimit-Limit of a 429), or the rate that met a 429: a ceiling.</summary>
    public double? LimitPerSecond { get; set; }

    /// <summary>When the rate was last changed (one replica changes it per period).</summary>
    public DateTime? RateChangedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public static string AppScope => "app";

    public static string SiteScope(string cloudId) => "site:" + cloudId;
}
