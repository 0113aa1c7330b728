namespace IssueSync.JiraSimulator.Faults;

/// <summary>An injected error response: a status and, for 503, a Retry-After in seconds.</summary>
internal sealed record InjectedFault(int Status, int? RetryAfterSeconds);
