using System.Collections.Concurrent;
using System.Globalization;

namespace IssueSync.JiraSimulator.Stats;

/// <summary>Thread-safe counters behind <c>GET /_simulator/stats</c>.</summary>
public sealed class SimulatorStats
{
    private readonly ConcurrentDictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Endpoint, string Status), long> _requests = new();
    private readonly ConcurrentDictionary<string, long> _throttled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _faults = new(StringComparer.Ordinal);

    public const string CodeExchanges = "codeExchanges";
    public const string Refreshes = "refreshes";
    public const string InvalidGrants = "invalidGrants";
    public const string RevokedFamilies = "revokedFamilies";
    public const string IssuesCreated = "issuesCreated";
    public const string AuthorizationsGranted = "authorizationsGranted";

    public void Increment(string counter, long by = 1) => _counters.AddOrUpdate(counter, by, (_, v) => v + by);

    public long Get(string counter) => _counters.TryGetValue(counter, out var v) ? v : 0;

    public void Request(string endpoint, int status) => Request(endpoint, status.ToString(CultureInfo.InvariantCulture));

    /// <summary>Counts a request by endpoint and outcome (a status code, or <c>aborted</c>).</summary>
    public void Request(string endpoint, string outcome) => _requests.AddOrUpdate((endpoint, outcome), 1, (_, v) => v + 1);

    public void Throttled(string reason) => _throttled.AddOrUpdate(reason, 1, (_, v) => v + 1);

    public void Fault(string kind) => _faults.AddOrUpdate(kind, 1, (_, v) => v + 1);

    public void Reset()
    {
        _counters.Clear();
        _requests.Clear();
        _throttled.Clear();
        _faults.Clear();
    }

    /// <summary>A point-in-time copy.</summary>
    public SimulatorStatsSnapshot Snapshot()
    {
        var requests = new SortedDictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var group in _requests.ToArray().GroupBy(kv => kv.Key.Endpoint, StringComparer.Ordinal))
        {
            requests[group.Key] = new SortedDictionary<string, long>(
                group.ToDictionary(kv => kv.Key.Status, kv => kv.Value, StringComparer.Ordinal),
                StringComparer.Ordinal);
        }

        return new SimulatorStatsSnapshot
        {
            AuthorizationsGranted = Get(AuthorizationsGranted),
            CodeExchanges = Get(CodeExchanges),
            Refreshes = Get(Refreshes),
            InvalidGrants = Get(InvalidGrants),
            RevokedFamilies = Get(RevokedFamilies),
            IssuesCreated = Get(IssuesCreated),
            Requests = requests,
            Throttled = new SortedDictionary<string, long>(_throttled.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), StringComparer.Ordinal),
            Faults = new SortedDictionary<string, long>(_faults.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), StringComparer.Ordinal),
        };
    }
}
