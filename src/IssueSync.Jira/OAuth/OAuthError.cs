namespace IssueSync.Jira.OAuth;

/// <summary>A failed OAuth or accessible-resources call, in words and safe to log (no token, secret or code).</summary>
public sealed record OAuthError
{
    /// <summary>The class of failure.</summary>
    public required OAuthErrorKind Kind { get; init; }

    /// <summary>A readable description.</summary>
    public required string Message { get; init; }

    /// <summary>The HTTP status, when a response arrived.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The OAuth <c>error</c> code from the body (e.g. <c>invalid_grant</c>), when present.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The server's Retry-After, for transient failures.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
