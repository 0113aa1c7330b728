namespace IssueSync.JiraSimulator.RateLimiting;

/// <summary>A refusal by a rate limiter: the reason header value and what the 429 headers say.</summary>
internal sealed record RateLimitDecision(string Reason, int Limit, int Remaining, TimeSpan RetryAfter, DateTimeOffset ResetAt, string? Policy);
