using IssueSync.Contracts;

namespace IssueSync.Worker.Ledger;

/// <summary>
/// Every reason code a command can carry. Terminal failures use the public codes of <see cref="FailureReasons"/>
/// (producers and operators filter on them); the rest name why a command waits, is retried or is uncertain.
/// </summary>
public static class ReasonCodes
{
    public const string Created = "created";
    public const string FoundByLookup = "found-by-lookup";

    // Waits and retries.
    public const string JiraUnavailable = "jira-unavailable";
    public const string RateLimitedBurst = "rate-limited-burst";
    public const string RateLimitedQuota = "rate-limited-quota";
    public const string RateLimitedPerIssue = "rate-limited-per-issue";
    public const string Paced = "paced";
    public const string Unauthorized = "unauthorized";
    public const string TokenUnavailable = "token-unavailable";
    public const string TokenBusy = "token-refresh-in-progress";
    public const string ShutDown = "handed-back";
    public const string OperatorRetry = "operator-retry";

    // Uncertain.
    public const string UnknownOutcome = "unknown-outcome";
    public const string AwaitingSearchIndex = "awaiting-search-index";
    public const string LookupFailed = "lookup-failed";
    public const string AwaitingOperator = "uncertain-awaiting-operator";

    // Parked.
    public const string ReauthorizationRequired = "reauthorization-required";
    public const string ConnectionNotReady = "connection-not-ready";
}
