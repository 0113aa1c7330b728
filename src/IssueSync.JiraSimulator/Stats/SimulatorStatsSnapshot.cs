namespace IssueSync.JiraSimulator.Stats;

/// <summary>The body of <c>GET /_simulator/stats</c>.</summary>
public sealed record SimulatorStatsSnapshot
{
    /// <summary>Successful <c>/authorize</c> consents (codes handed out).</summary>
    public long AuthorizationsGranted { get; init; }

    /// <summary>Successful <c>authorization_code</c> exchanges.</summary>
    public long CodeExchanges { get; init; }

    /// <summary>Successful <c>refresh_token</c> exchanges (including reuse inside the leeway).</summary>
    public long Refreshes { get; init; }

    /// <summary><c>invalid_grant</c> answers of the token endpoint.</summary>
    public long InvalidGrants { get; init; }

    /// <summary>Token families revoked (refresh-token reuse after the leeway, or a revoked user).</summary>
    public long RevokedFamilies { get; init; }

    public long IssuesCreated { get; init; }

    /// <summary>Endpoint name → status code (or <c>aborted</c>) → count.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Requests { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, long>>();

    /// <summary>429s by <c>RateLimit-Reason</c>.</summary>
    public IReadOnlyDictionary<string, long> Throttled { get; init; } = new Dictionary<string, long>();

    /// <summary>Injected faults by kind (<c>server-error</c>, <c>service-unavailable</c>, <c>lost-response</c>).</summary>
    public IReadOnlyDictionary<string, long> Faults { get; init; } = new Dictionary<string, long>();
}
