namespace IssueSync.Jira.Errors;

/// <summary>The classes of failure of a Jira call. What the worker does with each is its failure policy (docs/architecture.md §4).</summary>
public enum JiraErrorKind
{
    /// <summary>5xx or a network failure on a read, or a POST that was never sent: retry with backoff.</summary>
    Transient,

    /// <summary>429. Honour <see cref="JiraError.RetryAfter"/>; <see cref="JiraError.RateLimitReason"/> says which limit (burst, quota, per issue).</summary>
    RateLimited,

    /// <summary>401: the access token is expired, revoked or lacks a scope. Refresh once and retry once.</summary>
    Unauthorized,

    /// <summary>403: the user lacks a Jira permission. Permanent.</summary>
    PermissionDenied,

    /// <summary>404 from the gateway: the cloud id is unknown or no longer granted. Re-run accessible-resources.</summary>
    SiteNotFound,

    /// <summary>404 from Jira: the project or resource is missing or invisible to the user. Permanent.</summary>
    NotFound,

    /// <summary>400/422 with Jira's per-field messages (<see cref="JiraError.FieldErrors"/>). Permanent.</summary>
    Validation,

    /// <summary>400 because the description (or a textarea field) is not acceptable ADF. Permanent.</summary>
    InvalidAdf,

    /// <summary>400 "The entered text is too long". Permanent.</summary>
    TextTooLong,

    /// <summary>The issue POST timed out, lost its connection or got a 5xx after being sent: the issue may exist. Look it up before retrying.</summary>
    UnknownOutcome,

    /// <summary>The user's grant is gone (<c>invalid_grant</c>); park until they reconnect.</summary>
    ReauthorizationRequired,

    /// <summary>Any other response, e.g. 410 or an unreadable body. Permanent.</summary>
    Unexpected,
}
