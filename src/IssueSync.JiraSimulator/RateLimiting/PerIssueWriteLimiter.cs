namespace IssueSync.JiraSimulator.RateLimiting;

/// <summary>
/// Jira's per-issue write limits (<c>jira-per-issue-on-write</c>, docs/atlassian-api.md §5): at most 20 writes in any
/// 2 seconds and 100 in any 30 seconds to one issue. Sliding windows on the simulator's clock; refused writes do
/// not count.
/// </summary>
internal sealed class PerIssueWriteLimiter
{
    public const string Reason = "jira-per-issue-on-write";

    private static readonly (int Limit, TimeSpan Window)[] Windows = [(20, TimeSpan.FromSeconds(2)), (100, TimeSpan.FromSeconds(30))];
    private static readonly TimeSpan LongestWindow = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _writes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records a write to the issue, or refuses it with how long to wait.</summary>
    public RateLimitDecision? TryWrite(SimulatorSettings settings, string cloudId, string issueId, DateTimeOffset now)
    {
        if (!settings.PerIssueWriteLimitsEnabled)
        {
            return null;
        }

        lock (_gate)
        {
            var key = cloudId + "/" + issueId;
            if (!_writes.TryGetValue(key, out var writes))
            {
                writes = new Queue<DateTimeOffset>();
                _writes[key] = writes;
            }

            while (writes.Count > 0 && writes.Peek() <= now - LongestWindow)
            {
                writes.Dequeue();
            }

            foreach (var (limit, window) in Windows)
            {
                var inWindow = writes.Where(t => t > now - window).ToList();
                if (inWindow.Count >= limit)
                {
                    // The write becomes possible when enough of the window's writes have aged out of it.
                    var freesAt = inWindow[inWindow.Count - limit] + window;
                    var wait = freesAt - now;
                    var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                    return new RateLimitDecision(Reason, limit, 0, TimeSpan.FromSeconds(seconds), freesAt, null);
                }
            }

            writes.Enqueue(now);
            return null;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _writes.Clear();
        }
    }
}
