using IssueSync.JiraSimulator.Faults;

namespace IssueSync.Soak;

/// <summary>The Jira misbehaviour of a soak run, in one place.</summary>
public static class SoakFaults
{
    /// <summary>Endpoints that get 5xx and lost responses (not /authorize or accessible-resources: the connect flow has its own tests).</summary>
    public static readonly IReadOnlyList<string> Endpoints = ["create-issue", "search-jql", "token", "createmeta-issuetypes", "createmeta-fields"];

    public const double ServerErrorShare = 0.03;
    public const double LostResponseShare = 0.02;
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan SearchIndexDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// POSTs per second and site before Jira answers 429: a little above what the plan sends to the busier site
    /// (acme gets about 5/8 of the commands), so 429s come in bursts (after a restart, with retries) without
    /// throttling the whole run.
    /// </summary>
    public static double BurstPerSecond(double rate) => Math.Max(10, Math.Round(rate * 0.8));

    /// <summary>3 % 5xx before the handler; 2 % of responses lost after the request took effect, as a 504 or a dropped connection.</summary>
    public static FaultSettings For(int seed, int change) => new()
    {
        Seed = seed,
        ServerErrorProbability = ServerErrorShare,
        ServerErrorStatus = change % 2 == 0 ? 500 : 502,
        LostResponseProbability = LostResponseShare,
        LostResponseMode = change % 2 == 0 ? LostResponseMode.GatewayTimeout : LostResponseMode.Abort,
        Endpoints = [.. Endpoints],
        LatencyMs = 20,
        LatencyJitterMs = 60,
    };

    /// <summary>Short-lived access tokens, a lagging search index and a per-site burst limit.</summary>
    /// <summary>
    /// The body of <c>PUT /_simulator/config</c>. The burst limit is given in both shapes the simulator has had (one
    /// bucket per site: <c>burstCapacity</c>/<c>burstRefillPerSecond</c>; one per site × endpoint × method:
    /// <c>burstLimits</c>); each version ignores the keys it does not know.
    /// </summary>
    public static object Config(double rate) => new
    {
        accessTokenLifetimeSeconds = AccessTokenLifetime.TotalSeconds,
        searchIndexDelaySeconds = SearchIndexDelay.TotalSeconds,
        burstCapacity = (int)BurstPerSecond(rate),
        burstRefillPerSecond = BurstPerSecond(rate),
        burstLimitsEnabled = true,
        burstLimits = new { postPerSecond = BurstPerSecond(rate), bucketSeconds = 1 },
    };

    public static string Describe(double rate) =>
        $"{ServerErrorShare:P0} 5xx, {LostResponseShare:P0} lost responses (504 / dropped connection) on {string.Join(", ", Endpoints)}; " +
        $"{AccessTokenLifetime.TotalSeconds:0} s access tokens; search index {SearchIndexDelay.TotalSeconds:0} s behind; " +
        $"burst limit {BurstPerSecond(rate)} POSTs/s per site";
}
