namespace IssueSync.Jira.OAuth;

/// <summary>How an Atlassian OAuth call failed, which decides what the caller does next.</summary>
public enum OAuthErrorKind
{
    /// <summary><c>invalid_grant</c>: the refresh token or code is dead. The user must reconnect; do not retry.</summary>
    ReauthorizationRequired,

    /// <summary>The app's client id or secret was rejected. An operator must fix the configuration.</summary>
    InvalidClient,

    /// <summary>The access token was rejected by the API gateway (401): refresh once.</summary>
    Unauthorized,

    /// <summary>5xx, 429, a timeout or a network error: retry later (after <see cref="OAuthError.RetryAfter"/> if given).</summary>
    Transient,

    /// <summary>Anything else, with a readable message.</summary>
    Failed,
}
