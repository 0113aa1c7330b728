namespace IssueSync.JiraSimulator.RateLimiting;

/// <summary>Jira's three independent limiters (docs/atlassian-api.md §5), each on the simulator's clock.</summary>
internal sealed class RateLimiter
{
    public QuotaLimiter Quota { get; } = new();

    public BurstLimiter Burst { get; } = new();

    public PerIssueWriteLimiter PerIssueWrites { get; } = new();

    public void Reset()
    {
        Quota.Reset();
        Burst.Reset();
        PerIssueWrites.Reset();
    }
}
