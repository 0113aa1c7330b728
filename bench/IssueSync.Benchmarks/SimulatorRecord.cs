using IssueSync.JiraSimulator.Admin;

namespace IssueSync.Benchmarks;

/// <summary>What the simulator holds for one run's keys: commands with no issue (lost) and issues beyond the first (duplicates).</summary>
public sealed record SimulatorRecord(int Issues, int Lost, int Duplicates)
{
    public static SimulatorRecord operator +(SimulatorRecord left, SimulatorRecord right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.Issues + right.Issues, left.Lost + right.Lost, left.Duplicates + right.Duplicates);
    }

    public static async Task<SimulatorRecord> ReadAsync(JiraSimulatorAdminClient simulator, string keyPrefix, int commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var issues = await simulator.GetIssuesAsync(ct: cancellationToken);
        var perKey = issues
            .Select(i => BenchCommands.MarkerOf(i.Summary))
            .Where(k => k is not null && k.StartsWith(keyPrefix, StringComparison.Ordinal))
            .GroupBy(k => k!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var lost = Enumerable.Range(0, commands).Count(i => !perKey.ContainsKey(BenchCommands.Key(keyPrefix, i)));
        return new SimulatorRecord(perKey.Values.Sum(), lost, perKey.Values.Sum(n => n - 1));
    }
}
