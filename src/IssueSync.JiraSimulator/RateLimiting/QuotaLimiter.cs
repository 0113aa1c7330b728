using System.Globalization;

namespace IssueSync.JiraSimulator.RateLimiting;

/// <summary>
/// The global points quota (<c>jira-quota-global-based</c>, docs/atlassian-api.md §5): points per window shared by every
/// site, windows aligned on the Unix epoch, on the simulator's clock.
/// </summary>
internal sealed class QuotaLimiter
{
    public const string Reason = "jira-quota-global-based";

    private readonly Lock _gate = new();
    private long _quotaWindow = long.MinValue;
    private long _quotaUsed;

    /// <summary>Checks the global quota (one point is charged now; more can be added with <see cref="Charge"/>).</summary>
    public RateLimitDecision? TryConsume(SimulatorSettings settings, DateTimeOffset now)
    {
        if (settings.GlobalQuotaPoints <= 0)
        {
            return null;
        }

        lock (_gate)
        {
            var (window, end) = CurrentWindow(settings, now);
            if (window != _quotaWindow)
            {
                _quotaWindow = window;
                _quotaUsed = 0;
            }

            if (_quotaUsed >= settings.GlobalQuotaPoints)
            {
                var wait = end - now;
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                return new RateLimitDecision(
                    Reason,
                    settings.GlobalQuotaPoints,
                    0,
                    TimeSpan.FromSeconds(Math.Max(1, seconds)),
                    end,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"\"global-app-quota\";q={settings.GlobalQuotaPoints};w={(long)settings.GlobalQuotaWindow.TotalSeconds}"));
            }

            _quotaUsed++;
            return null;
        }
    }

    /// <summary>Adds points to the current window (read requests cost one point per object returned).</summary>
    public void Charge(SimulatorSettings settings, DateTimeOffset now, int points)
    {
        if (settings.GlobalQuotaPoints <= 0 || points <= 0)
        {
            return;
        }

        lock (_gate)
        {
            var (window, _) = CurrentWindow(settings, now);
            if (window == _quotaWindow)
            {
                _quotaUsed += points;
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _quotaWindow = long.MinValue;
            _quotaUsed = 0;
        }
    }

    private static (long Window, DateTimeOffset End) CurrentWindow(SimulatorSettings settings, DateTimeOffset now)
    {
        var ticks = settings.GlobalQuotaWindow.Ticks;
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var window = sinceEpoch / ticks;
        var end = DateTimeOffset.UnixEpoch.AddTicks((window + 1) * ticks);
        return (window, end);
    }
}
