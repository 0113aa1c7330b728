namespace IssueSync.Jira.Errors;

/// <summary>A failed Jira call, classified, with Jira's own messages kept verbatim. Never contains a token.</summary>
public sealed record JiraError
{
    /// <summary>The class of failure.</summary>
    public required JiraErrorKind Kind { get; init; }

    /// <summary>What happened, in plain words.</summary>
    public required string Message { get; init; }

    /// <summary>The HTTP status, when a response arrived.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Jira's <c>errors</c> map (field id → message), verbatim.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; init; } = new Dictionary<string, string>();

    /// <summary>Jira's <c>errorMessages</c> list, verbatim.</summary>
    public IReadOnlyList<string> ErrorMessages { get; init; } = [];

    /// <summary>The minimum wait the server asked for (Retry-After), if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The RateLimit-Reason header of a 429, e.g. <c>jira-burst-based</c> or <c>jira-quota-global-based</c>.</summary>
    public string? RateLimitReason { get; init; }

    /// <summary>The limit of the bucket that refused the request (X-RateLimit-Limit), when Jira said it.</summary>
    public double? RateLimitLimit { get; init; }

    /// <summary>When the rate limit window resets (X-RateLimit-Reset).</summary>
    public DateTimeOffset? RateLimitResetAt { get; init; }
}
