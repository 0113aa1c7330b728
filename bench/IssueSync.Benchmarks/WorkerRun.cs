using IssueSync.Harness;

namespace IssueSync.Benchmarks;

/// <summary>What one run of the worker processes did, measured from the ledger, the simulator and /proc.</summary>
public sealed record WorkerRun(
    int Commands, int Created, int Failed, double Seconds, double P50Ms, double P95Ms, double P99Ms, StatsDelta Stats, SimulatorRecord Record,
    double WorkerCpuMs, double WorkerPeakRssMb, IReadOnlyDictionary<string, int> FailureReasons)
{
    /// <summary>Issues created in the span <see cref="Stats"/> covers (the warm-up batch and the measured one).</summary>
    public int? StatsCreated { get; init; }

    /// <summary>The warm-up batch, measured the same way, when there was one: a replica's first commands after its start.</summary>
    public WorkerRun? Cold { get; init; }

    public double IssuesPerSecond => Seconds > 0 ? Created / Seconds : 0;

    public double JiraCallsPerIssue => (StatsCreated ?? Created) > 0 ? (double)Stats.JiraCalls / (StatsCreated ?? Created) : 0;

    public double CpuMsPerIssue => Created > 0 ? WorkerCpuMs / Created : 0;

    public long CreateRequests => Stats.Requests("create-issue");

    /// <summary>Share of create requests answered with <paramref name="status"/>.</summary>
    public double ShareOfCreates(string status) => CreateRequests > 0 ? (double)Stats.Requests("create-issue", status) / CreateRequests : 0;

    /// <summary>
    /// Throughput over the ledger's own times: from the first command received to the last one completed (the database
    /// clock), so neither the workers' start nor the polling is counted.
    /// </summary>
    public static WorkerRun From(IEnumerable<LedgerRow> rows, int commands, StatsDelta stats, SimulatorRecord record, double cpuMs, double peakRssMb)
    {
        var list = rows.ToList();
        var done = list.Where(r => r.CompletedAt is not null).ToList();
        var seconds = done.Count == 0 ? 0 : (done.Max(r => r.CompletedAt!.Value) - list.Min(r => r.ReceivedAt)).TotalSeconds;
        var latencies = done.Select(r => (r.CompletedAt!.Value - r.ReceivedAt).TotalMilliseconds).Order().ToList();
        var reasons = list.Where(r => r.State != "Created").GroupBy(r => $"{r.State} {r.ReasonCode}".Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new WorkerRun(commands, list.Count(r => r.State == "Created"), list.Count(r => r.State is "Failed" or "Discarded"), seconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), stats, record, cpuMs, peakRssMb, reasons);
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public string Summary() =>
        $"{Created}/{Commands} created in {Seconds:0.0} s = {IssuesPerSecond:0.0} issues/s; p50 {P50Ms:0} ms, p95 {P95Ms:0} ms, p99 {P99Ms:0} ms; " +
        $"{Stats.JiraCalls} Jira calls ({JiraCallsPerIssue:0.000}/issue), create 429s {Stats.Requests("create-issue", "429")}, 401s {Stats.Requests("create-issue", "401")}; " +
        $"refreshes {Stats.Refreshes}, invalid_grant {Stats.InvalidGrants}; worker CPU {CpuMsPerIssue:0.00} ms/issue, peak RSS {WorkerPeakRssMb:0} MiB; " +
        $"simulator: {Record.Lost} lost, {Record.Duplicates} duplicates" +
        (FailureReasons.Count > 0 ? "; not created: " + string.Join(", ", FailureReasons.Select(kv => $"{kv.Key} {kv.Value}")) : "");
}
