using System.Globalization;

namespace IssueSync.JiraSimulator.Faults;

/// <summary>
/// Fault injection (<c>GET/PUT /_simulator/faults</c>). Random draws use a <see cref="Random"/> seeded with
/// <see cref="Seed"/>, re-seeded each time the settings are replaced, so a run is reproducible.
/// The <c>…NextCount</c> counters hit the next N targeted requests before the probabilities apply.
/// </summary>
public sealed class FaultSettings
{
    /// <summary>Seed of the fault RNG.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Fixed latency added to every targeted request (ms).</summary>
    public int LatencyMs { get; set; }

    /// <summary>Uniform random extra latency 0..N ms.</summary>
    public int LatencyJitterMs { get; set; }

    /// <summary>Endpoints the latency applies to; empty = every non-admin endpoint.</summary>
    public IList<string> LatencyEndpoints { get; set; } = [];

    /// <summary>Probability (0–1) of answering <see cref="ServerErrorStatus"/> before the handler runs (nothing is created).</summary>
    public double ServerErrorProbability { get; set; }

    /// <summary>The next N targeted requests answer <see cref="ServerErrorStatus"/>.</summary>
    public int ServerErrorNextCount { get; set; }

    /// <summary>Status of injected server errors (500–599, 503 excepted: use the ServiceUnavailable settings).</summary>
    public int ServerErrorStatus { get; set; } = 500;

    /// <summary>Probability (0–1) of a 503 with <c>Retry-After</c> before the handler runs.</summary>
    public double ServiceUnavailableProbability { get; set; }

    /// <summary>The next N targeted requests answer 503 with <c>Retry-After</c>.</summary>
    public int ServiceUnavailableNextCount { get; set; }

    /// <summary><c>Retry-After</c> seconds of injected 503s.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Probability (0–1) that a successful response is lost after the request took effect.</summary>
    public double LostResponseProbability { get; set; }

    /// <summary>The next N successful targeted requests lose their response.</summary>
    public int LostResponseNextCount { get; set; }

    public LostResponseMode LostResponseMode { get; set; } = LostResponseMode.GatewayTimeout;

    /// <summary>
    /// Probability (0–1) that a successful <c>refresh_token</c> answer leaves <c>refresh_token</c> out although the
    /// rotation happened (docs/atlassian-api.md §1.3: users saw it). Not limited by <see cref="Endpoints"/>.
    /// </summary>
    public double OmitRefreshTokenProbability { get; set; }

    /// <summary>The next N successful refresh answers leave <c>refresh_token</c> out.</summary>
    public int OmitRefreshTokenNextCount { get; set; }

    /// <summary>
    /// Endpoints the 5xx, 503 and lost-response faults apply to (names as in <c>/_simulator/stats</c>, e.g.
    /// <c>create-issue</c>, <c>token</c>, <c>search-jql</c>); <c>*</c> = all; empty (the default) = <c>create-issue</c> only.
    /// A lost response on <c>token</c> happens after the exchange: the code is used, or the refresh token rotated.
    /// </summary>
    public IList<string> Endpoints { get; set; } = [];

    internal FaultSettings Clone() => new()
    {
        Seed = Seed,
        LatencyMs = LatencyMs,
        LatencyJitterMs = LatencyJitterMs,
        LatencyEndpoints = [.. LatencyEndpoints],
        ServerErrorProbability = ServerErrorProbability,
        ServerErrorNextCount = ServerErrorNextCount,
        ServerErrorStatus = ServerErrorStatus,
        ServiceUnavailableProbability = ServiceUnavailableProbability,
        ServiceUnavailableNextCount = ServiceUnavailableNextCount,
        RetryAfterSeconds = RetryAfterSeconds,
        LostResponseProbability = LostResponseProbability,
        LostResponseNextCount = LostResponseNextCount,
        LostResponseMode = LostResponseMode,
        OmitRefreshTokenProbability = OmitRefreshTokenProbability,
        OmitRefreshTokenNextCount = OmitRefreshTokenNextCount,
        Endpoints = [.. Endpoints],
    };

    internal IEnumerable<string> Validate()
    {
        if (LatencyMs < 0 || LatencyJitterMs < 0)
        {
            yield return "Fault latencies must not be negative.";
        }

        foreach (var (name, p) in new[]
                 {
                     (nameof(ServerErrorProbability), ServerErrorProbability),
                     (nameof(ServiceUnavailableProbability), ServiceUnavailableProbability),
                     (nameof(LostResponseProbability), LostResponseProbability),
                     (nameof(OmitRefreshTokenProbability), OmitRefreshTokenProbability),
                 })
        {
            if (p is < 0 or > 1 || double.IsNaN(p))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{name} must be between 0 and 1.");
            }
        }

        if (ServerErrorNextCount < 0 || ServiceUnavailableNextCount < 0 || LostResponseNextCount < 0 || OmitRefreshTokenNextCount < 0)
        {
            yield return "Fault counters must not be negative.";
        }

        if (ServerErrorStatus is < 500 or > 599)
        {
            yield return "ServerErrorStatus must be a 5xx status.";
        }

        if (RetryAfterSeconds < 0)
        {
            yield return "RetryAfterSeconds must not be negative.";
        }
    }
}
