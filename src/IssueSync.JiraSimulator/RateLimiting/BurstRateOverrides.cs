namespace IssueSync.JiraSimulator.RateLimiting;

/// <summary>
/// Burst rates of one site that differ from the global <see cref="BurstRates"/>; a null property takes the global
/// value (so <c>{"postPerSecond":20}</c> limits only that site's POSTs). Also the partial form of the global rates on
/// <c>PUT /_simulator/config</c>.
/// </summary>
public sealed record BurstRateOverrides
{
    public double? GetPerSecond { get; init; }

    public double? PostPerSecond { get; init; }

    public double? PutPerSecond { get; init; }

    public double? DeletePerSecond { get; init; }

    public double? BucketSeconds { get; init; }

    public BurstRates ApplyTo(BurstRates rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        return new BurstRates
        {
            GetPerSecond = GetPerSecond ?? rates.GetPerSecond,
            PostPerSecond = PostPerSecond ?? rates.PostPerSecond,
            PutPerSecond = PutPerSecond ?? rates.PutPerSecond,
            DeletePerSecond = DeletePerSecond ?? rates.DeletePerSecond,
            BucketSeconds = BucketSeconds ?? rates.BucketSeconds,
        };
    }

    public static BurstRateOverrides From(BurstRates rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        return new BurstRateOverrides
        {
            GetPerSecond = rates.GetPerSecond,
            PostPerSecond = rates.PostPerSecond,
            PutPerSecond = rates.PutPerSecond,
            DeletePerSecond = rates.DeletePerSecond,
            BucketSeconds = rates.BucketSeconds,
        };
    }
}
