namespace IssueSync.Worker.Persistence.Entities;

/// <summary>
/// Pacing state shared by every replica for one scope: the whole app (<c>app</c>) or one Jira site
/// (<c>site:{cloudId}</c>). A pause is set after a 429 and honoured by every replica until it ends.
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

    public DateTime UpdatedAt { get; set; }

    public static string AppScope => "app";

    public static string SiteScope(string cloudId) => "site:" + cloudId;
}
