using System.Globalization;

namespace IssueSync.JiraSimulator.RateLimiting;

/// <summary>
/// The per-site burst bucket for POSTs (<c>jira-burst-based</c>) and the global points quota
/// (<c>jira-quota-global-based</c>), both driven by the simulator's clock.
/// </summary>
internal sealed class RateLimiter
{
    public const string BurstReason = "jira-burst-based";
    public const string QuotaReason = "jira-quota-global-based";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private long _quotaWindow = long.MinValue;
    private long _quotaUsed;

    /// <summary>Checks the global quota (one point is charged now; more can be added with <see cref="Charge"/>).</summary>
    public RateLimitDecision? TryConsumeQuota(SimulatorSettings settings, DateTimeOffset now)
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
                    QuotaReason,
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

    public (long Used, int Limit) QuotaUsage(SimulatorSettings settings, DateTimeOffset now)
    {
        lock (_gate)
        {
            var (window, _) = CurrentWindow(settings, now);
            return (window == _quotaWindow ? _quotaUsed : 0, settings.GlobalQuotaPoints);
        }
    }

    /// <summary>Takes one token from the site's POST bucket.</summary>
    public RateLimitDecision? TryTakeBurst(SimulatorSettings settings, string cloudId, DateTimeOffset now)
    {
        if (settings.BurstCapacity <= 0)
        {
            return null;
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(cloudId, out var bucket))
            {
                bucket = new Bucket { Tokens = settings.BurstCapacity, LastRefill = now };
                _buckets[cloudId] = bucket;
            }

            var elapsed = (now - bucket.LastRefill).TotalSeconds;
            if (elapsed > 0)
            {
                bucket.Tokens = Math.Min(settings.BurstCapacity, bucket.Tokens + (elapsed * settings.BurstRefillPerSecond));
                bucket.LastRefill = now;
            }
            else
            {
                bucket.Tokens = Math.Min(settings.BurstCapacity, bucket.Tokens);
            }

            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return null;
            }

            var wait = TimeSpan.FromSeconds((1 - bucket.Tokens) / settings.BurstRefillPerSecond);
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return new RateLimitDecision(BurstReason, settings.BurstCapacity, 0, TimeSpan.FromSeconds(seconds), now + wait, null);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _buckets.Clear();
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

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public DateTimeOffset LastRefill { get; set; }
    }
}
