using System.Globalization;

namespace IssueSync.JiraSimulator.RateLimiting;

/// <summary>
/// Jira's per-endpoint burst limits for one site (docs/atlassian-api.md §5): a token bucket per site × endpoint × HTTP
/// method, shared by every app and token on the site, refilled at the method's steady rate. Atlassian publishes the
/// rates (GET 100/s, POST 100/s, PUT 50/s, DELETE 50/s) but not the bucket size; a full bucket holds
/// <see cref="BucketSeconds"/> seconds of traffic (one second's worth by default).
/// </summary>
public sealed record BurstRates
{
    public double GetPerSecond { get; init; } = 100;

    public double PostPerSecond { get; init; } = 100;

    public double PutPerSecond { get; init; } = 50;

    public double DeletePerSecond { get; init; } = 50;

    /// <summary>Capacity of each bucket in seconds of its rate (capacity = rate × this; at least one request).</summary>
    public double BucketSeconds { get; init; } = 1;

    /// <summary>The steady rate of a method (HEAD counts as GET, PATCH as PUT).</summary>
    public double RateFor(string method) => method.ToUpperInvariant() switch
    {
        "POST" => PostPerSecond,
        "PUT" or "PATCH" => PutPerSecond,
        "DELETE" => DeletePerSecond,
        _ => GetPerSecond,
    };

    public double CapacityFor(string method) => RateFor(method) * BucketSeconds;

    internal IEnumerable<string> Validate(string where)
    {
        foreach (var (name, rate) in new[] { ("GetPerSecond", GetPerSecond), ("PostPerSecond", PostPerSecond), ("PutPerSecond", PutPerSecond), ("DeletePerSecond", DeletePerSecond) })
        {
            if (!double.IsFinite(rate) || rate <= 0)
            {
                yield return $"{where}.{name} must be a positive number of requests per second.";
            }
            else if (double.IsFinite(BucketSeconds) && BucketSeconds > 0 && rate * BucketSeconds < 1)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{where}: {name} × BucketSeconds must be at least 1 (a full bucket lets one request through); it is {rate * BucketSeconds}.");
            }
        }

        if (!double.IsFinite(BucketSeconds) || BucketSeconds <= 0)
        {
            yield return $"{where}.BucketSeconds must be a positive number of seconds.";
        }
    }
}
