using IssueSync.Contracts;
using IssueSync.Jira.Errors;
using IssueSync.Jira.OAuth;

namespace IssueSync.Worker.Ledger;

/// <summary>Everything that can stop or delay a command, before, at and after Jira (docs/architecture.md §4).</summary>
public enum FailureCondition
{
    // Checks before any call to Jira.
    InvalidCommand,
    UnknownConnection,
    ConnectionNotAuthorized,
    ConnectionAwaitingSiteChoice,
    ConnectionAccountUnconfirmed,
    ConnectionReauthorizationRequired,
    SiteNotReachable,
    DescriptionTooLong,
    DescriptionInvalid,
    DescriptionTooComplex,
    MetadataValidation,
    SitePaced,
    AppPaused,

    // The connection's access token.
    TokenInvalidGrant,
    TokenUnavailable,
    TokenRefreshBusy,
    TokenClientRejected,

    // Jira's answers (JiraErrorKind, with 429s split by RateLimit-Reason).
    JiraTransient,
    JiraUnknownOutcome,
    JiraBurstLimit,
    JiraQuotaGlobal,
    JiraQuotaTenant,
    JiraPerIssueLimit,
    JiraUnauthorized,
    JiraPermissionDenied,
    JiraNotFound,
    JiraSiteNotFound,
    JiraValidation,
    JiraInvalidAdf,
    JiraTextTooLong,
    JiraReauthorizationRequired,
    JiraUnexpected,

    // Lookups of an uncertain create.
    LookupFailed,

    // The worker, the broker and the database.
    WorkerError,
    Shutdown,
    LeaseLost,
    AbandonedRepeatedly,
    RetriesExhausted,
    DatabaseUnavailable,
    BrokerInterrupted,
    MalformedMessage,
    OversizeMessage,
    ProducerNotAllowed,
}

public enum DispositionKind
{
    /// <summary>Try again after a backoff; <see cref="Disposition.CountsAsAttempt"/> says whether it uses the budget.</summary>
    Retry,

    /// <summary>Try again later without using the budget (rate limits, pacing, another replica's refresh).</summary>
    Wait,

    /// <summary>Refresh the access token once and repeat the call once; then <see cref="Disposition.AfterRefresh"/>.</summary>
    RefreshOnce,

    /// <summary>Wait for the connection; resumes by itself when it is active again.</summary>
    Park,

    /// <summary>Permanent: failed with the reason, answered, waits for an operator.</summary>
    Fail,

    /// <summary>The issue may exist: look it up on schedule, never answer failed.</summary>
    Uncertain,

    /// <summary>Give the lease back at once without counting (shutdown before anything was sent).</summary>
    HandBack,

    /// <summary>Write nothing: another replica owns the command now.</summary>
    StandDown,

    /// <summary>Failed as quarantined (uncertain if the issue may exist).</summary>
    Quarantine,

    /// <summary>Stop taking messages until the database answers again (kill switch; readiness false). Nothing is dead-lettered.</summary>
    PauseConsumption,

    /// <summary>Not a property of the message: let the broker deliver it again. Never recorded as a rejection.</summary>
    Redeliver,

    /// <summary>No ledger entry can be made: recorded in rejected_messages with the raw body.</summary>
    Reject,
}

/// <summary>Who else waits when Jira asks us to slow down.</summary>
public enum PaceScope
{
    None,

    /// <summary>Every command for the same Jira site (burst limits are per tenant, shared by every app and token).</summary>
    Site,

    /// <summary>Every command of the app (the global points quota is one pool for all tenants).</summary>
    App,
}

/// <summary>What happens under a condition: the one row of the failure table for it.</summary>
public sealed record Disposition(DispositionKind Kind, string ReasonCode, bool CountsAsAttempt = false, PaceScope Pace = PaceScope.None)
{
    /// <summary>For <see cref="DispositionKind.RefreshOnce"/>: what happens if the condition persists after the refresh.</summary>
    public Disposition? AfterRefresh { get; init; }
}

/// <summary>
/// The failure policy as data: one table from every condition to what the worker does. The processor, the consumer
/// and the rejected-message observer classify what happened and look the answer up here; nothing else decides.
/// docs/architecture.md prints the table.
/// </summary>
public static class FailurePolicy
{
    public static IReadOnlyDictionary<FailureCondition, Disposition> Table { get; } = new Dictionary<FailureCondition, Disposition>
    {
        [FailureCondition.InvalidCommand] = new(DispositionKind.Fail, FailureReasons.Validation),
        [FailureCondition.UnknownConnection] = new(DispositionKind.Fail, FailureReasons.UnknownConnection),
        [FailureCondition.ConnectionNotAuthorized] = new(DispositionKind.Park, ReasonCodes.ConnectionNotReady),
        [FailureCondition.ConnectionAwaitingSiteChoice] = new(DispositionKind.Park, ReasonCodes.ConnectionNotReady),
        [FailureCondition.ConnectionAccountUnconfirmed] = new(DispositionKind.Park, ReasonCodes.ConnectionNotReady),
        [FailureCondition.ConnectionReauthorizationRequired] = new(DispositionKind.Park, ReasonCodes.ReauthorizationRequired),
        [FailureCondition.SiteNotReachable] = new(DispositionKind.Fail, FailureReasons.SiteNotFound),
        [FailureCondition.DescriptionTooLong] = new(DispositionKind.Fail, FailureReasons.TextTooLong),
        [FailureCondition.DescriptionInvalid] = new(DispositionKind.Fail, FailureReasons.InvalidAdf),
        [FailureCondition.DescriptionTooComplex] = new(DispositionKind.Fail, FailureReasons.DescriptionTooComplex),
        [FailureCondition.MetadataValidation] = new(DispositionKind.Fail, FailureReasons.Validation),
        [FailureCondition.SitePaced] = new(DispositionKind.Wait, ReasonCodes.Paced),
        [FailureCondition.AppPaused] = new(DispositionKind.Wait, ReasonCodes.RateLimitedQuota),

        [FailureCondition.TokenInvalidGrant] = new(DispositionKind.Park, ReasonCodes.ReauthorizationRequired),
        [FailureCondition.TokenUnavailable] = new(DispositionKind.Retry, ReasonCodes.TokenUnavailable, CountsAsAttempt: true),
        [FailureCondition.TokenRefreshBusy] = new(DispositionKind.Wait, ReasonCodes.TokenBusy),
        [FailureCondition.TokenClientRejected] = new(DispositionKind.Retry, ReasonCodes.TokenUnavailable, CountsAsAttempt: true),

        [FailureCondition.JiraTransient] = new(DispositionKind.Retry, ReasonCodes.JiraUnavailable, CountsAsAttempt: true),
        [FailureCondition.JiraUnknownOutcome] = new(DispositionKind.Uncertain, ReasonCodes.UnknownOutcome),
        [FailureCondition.JiraBurstLimit] = new(DispositionKind.Wait, ReasonCodes.RateLimitedBurst, Pace: PaceScope.Site),
        [FailureCondition.JiraQuotaGlobal] = new(DispositionKind.Wait, ReasonCodes.RateLimitedQuota, Pace: PaceScope.App),
        [FailureCondition.JiraQuotaTenant] = new(DispositionKind.Wait, ReasonCodes.RateLimitedQuota, Pace: PaceScope.Site),
        [FailureCondition.JiraPerIssueLimit] = new(DispositionKind.Wait, ReasonCodes.RateLimitedPerIssue),
        [FailureCondition.JiraUnauthorized] = new(DispositionKind.RefreshOnce, ReasonCodes.Unauthorized)
        {
            AfterRefresh = new(DispositionKind.Retry, ReasonCodes.Unauthorized, CountsAsAttempt: true),
        },
        // Atlassian's gateway reports some expired tokens as 403 or 404 (docs/atlassian-api.md §4.3): refresh once before believing them.
        [FailureCondition.JiraPermissionDenied] = new(DispositionKind.RefreshOnce, FailureReasons.PermissionDenied)
        {
            AfterRefresh = new(DispositionKind.Fail, FailureReasons.PermissionDenied),
        },
        [FailureCondition.JiraNotFound] = new(DispositionKind.RefreshOnce, FailureReasons.Validation)
        {
            AfterRefresh = new(DispositionKind.Fail, FailureReasons.Validation),
        },
        [FailureCondition.JiraSiteNotFound] = new(DispositionKind.RefreshOnce, FailureReasons.SiteNotFound)
        {
            AfterRefresh = new(DispositionKind.Fail, FailureReasons.SiteNotFound),
        },
        [FailureCondition.JiraValidation] = new(DispositionKind.Fail, FailureReasons.Validation),
        [FailureCondition.JiraInvalidAdf] = new(DispositionKind.Fail, FailureReasons.InvalidAdf),
        [FailureCondition.JiraTextTooLong] = new(DispositionKind.Fail, FailureReasons.TextTooLong),
        [FailureCondition.JiraReauthorizationRequired] = new(DispositionKind.Park, ReasonCodes.ReauthorizationRequired),
        [FailureCondition.JiraUnexpected] = new(DispositionKind.Fail, FailureReasons.Unexpected),

        [FailureCondition.LookupFailed] = new(DispositionKind.Wait, ReasonCodes.LookupFailed),

        [FailureCondition.WorkerError] = new(DispositionKind.Retry, FailureReasons.WorkerError, CountsAsAttempt: true),
        [FailureCondition.Shutdown] = new(DispositionKind.HandBack, ReasonCodes.ShutDown),
        [FailureCondition.LeaseLost] = new(DispositionKind.StandDown, "lease-lost"),
        [FailureCondition.AbandonedRepeatedly] = new(DispositionKind.Quarantine, FailureReasons.Quarantined),
        [FailureCondition.RetriesExhausted] = new(DispositionKind.Fail, FailureReasons.RetriesExhausted),
        [FailureCondition.DatabaseUnavailable] = new(DispositionKind.PauseConsumption, "database-unavailable"),
        [FailureCondition.BrokerInterrupted] = new(DispositionKind.Redeliver, "broker-interrupted"),
        [FailureCondition.MalformedMessage] = new(DispositionKind.Reject, FailureReasons.MalformedCommand),
        [FailureCondition.OversizeMessage] = new(DispositionKind.Reject, FailureReasons.MessageTooLarge),
        [FailureCondition.ProducerNotAllowed] = new(DispositionKind.Reject, FailureReasons.ProducerNotAllowed),
    };

    public static Disposition For(FailureCondition condition) => Table[condition];

    /// <summary>The condition a Jira error stands for.</summary>
    public static FailureCondition Classify(JiraError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            JiraErrorKind.Transient => FailureCondition.JiraTransient,
            JiraErrorKind.UnknownOutcome => FailureCondition.JiraUnknownOutcome,
            JiraErrorKind.RateLimited => RateLimitCondition(error.RateLimitReason),
            JiraErrorKind.Unauthorized => FailureCondition.JiraUnauthorized,
            JiraErrorKind.PermissionDenied => FailureCondition.JiraPermissionDenied,
            JiraErrorKind.NotFound => FailureCondition.JiraNotFound,
            JiraErrorKind.SiteNotFound => FailureCondition.JiraSiteNotFound,
            JiraErrorKind.Validation => FailureCondition.JiraValidation,
            JiraErrorKind.InvalidAdf => FailureCondition.JiraInvalidAdf,
            JiraErrorKind.TextTooLong => FailureCondition.JiraTextTooLong,
            JiraErrorKind.ReauthorizationRequired => FailureCondition.JiraReauthorizationRequired,
            _ => FailureCondition.JiraUnexpected,
        };
    }

    /// <summary>The condition a failed token refresh stands for.</summary>
    public static FailureCondition Classify(OAuthErrorKind kind) => kind switch
    {
        OAuthErrorKind.ReauthorizationRequired => FailureCondition.TokenInvalidGrant,
        OAuthErrorKind.InvalidClient => FailureCondition.TokenClientRejected,
        _ => FailureCondition.TokenUnavailable,
    };

    /// <summary>
    /// Atlassian's RateLimit-Reason values (docs/atlassian-api.md §5): quota reasons pause the app (global pool) or the
    /// site (tenant pool); per-issue limits only that write; burst and unknown reasons the site.
    /// </summary>
    public static FailureCondition RateLimitCondition(string? reason) => reason?.ToLowerInvariant() switch
    {
        "jira-quota-global-based" or "jira-quota-based" or "jira-cost-based" => FailureCondition.JiraQuotaGlobal,
        "jira-quota-tenant-based" => FailureCondition.JiraQuotaTenant,
        "jira-per-issue-on-write" => FailureCondition.JiraPerIssueLimit,
        _ => FailureCondition.JiraBurstLimit,
    };

    /// <summary>
    /// The attempt outcome a ledger disposition gives. For a refresh-once row this is what happens when the
    /// condition persists (the caller refreshes first when it still may).
    /// </summary>
    public static AttemptOutcome Outcome(FailureCondition condition, string message, IReadOnlyList<FieldError>? fieldErrors = null,
        TimeSpan? notBefore = null)
    {
        var disposition = For(condition);
        if (disposition.Kind == DispositionKind.RefreshOnce)
        {
            disposition = disposition.AfterRefresh!;
        }

        return disposition.Kind switch
        {
            DispositionKind.Fail => new AttemptOutcome.Failed(disposition.ReasonCode, message, fieldErrors ?? []),
            DispositionKind.Retry => new AttemptOutcome.Retry(disposition.ReasonCode, message, notBefore, disposition.CountsAsAttempt),
            DispositionKind.Wait => new AttemptOutcome.Retry(disposition.ReasonCode, message, notBefore, Counted: false),
            DispositionKind.Park => new AttemptOutcome.Parked(disposition.ReasonCode, message),
            DispositionKind.Uncertain => new AttemptOutcome.Uncertain(disposition.ReasonCode, message),
            _ => throw new InvalidOperationException($"{condition} ({disposition.Kind}) is not an outcome the ledger records."),
        };
    }
}
