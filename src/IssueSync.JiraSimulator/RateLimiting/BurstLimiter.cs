namespace IssueSync.JiraSimulator.RateLimiting;

/// <summary>
/// Jira's burst limit (<c>jira-burst-based</c>): one token bucket per site × endpoint × HTTP method, refilled
/// continuously at the method's rate on the simulator's clock, shared by every app and token on the site.
/// </summary>
internal sealed class BurstLimiter
{
    public const string Reason = "jira-burst-based";

    private readonly Lock _gate = new();
    private readonly Dictionary<(string CloudId, string Endpoint, string Method), Bucket> _buckets = new(KeyComparer.Instance);

    /// <summary>Takes one token from the (site, endpoint, method) bucket, or says how long to wait.</summary>
    public RateLimitDecision? TryTake(SimulatorSettings settings, string cloudId, string endpoint, string method, DateTimeOffset now)
    {
        if (!settings.BurstLimitsEnabled)
        {
            return null;
        }

        var rates = settings.BurstRatesFor(cloudId);
        var rate = rates.RateFor(method);
        var capacity = rates.CapacityFor(method);
        lock (_gate)
        {
            var key = (cloudId, endpoint, method.ToUpperInvariant());
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                bucket = new Bucket { Tokens = capacity, LastRefill = now };
                _buckets[key] = bucket;
            }

            var elapsed = Math.Max(0, (now - bucket.LastRefill).TotalSeconds);
            bucket.Tokens = Math.Min(capacity, bucket.Tokens + (elapsed * rate));
            bucket.LastRefill = now > bucket.LastRefill ? now : bucket.LastRefill;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return null;
            }

            var wait = TimeSpan.FromSeconds((1 - bucket.Tokens) / rate);
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return new RateLimitDecision(Reason, (int)Math.Floor(capacity), 0, TimeSpan.FromSeconds(seconds), now + wait, null);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _buckets.Clear();
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public DateTimeOffset LastRefill { get; set; }
    }

    private sealed class KeyComparer : IEqualityComparer<(string CloudId, string Endpoint, string Method)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string CloudId, string Endpoint, string Method) x, (string CloudId, string Endpoint, string Method) y) =>
            string.Equals(x.CloudId, y.CloudId, StringComparison.OrdinalIgnoreCase)
            && string.Equals(x.Endpoint, y.Endpoint, StringComparison.Ordinal)
            && string.Equals(x.Method, y.Method, StringComparison.Ordinal);

        public int GetHashCode((string CloudId, string Endpoint, string Method) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.CloudId), key.Endpoint, key.Method);
    }
}
