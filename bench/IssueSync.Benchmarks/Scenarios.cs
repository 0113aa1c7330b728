using System.Globalization;
using IssueSync.JiraSimulator.Admin;
using IssueSync.JiraSimulator.Faults;
using IssueSync.JiraSimulator.RateLimiting;

namespace IssueSync.Benchmarks;

/// <summary>The four scenarios of issue 12; each returns its JSON keys (numbers) and prints its runs.</summary>
public sealed class Scenarios(BenchOptions options, string runId, TextWriter output)
{
    public const double LatencySeconds = 0.25;
    public const double PacedSitePostsPerSecond = 20;
    public const int QuotaPoints = 600;
    public const double QuotaWindowSeconds = 10;
    public const double ShortTokenSeconds = 30;

    private static readonly IReadOnlyDictionary<string, string> DefaultWorker = new Dictionary<string, string>();

    public Task<Dictionary<string, double>> RunAsync(string scenario, CancellationToken cancellationToken) => scenario switch
    {
        "pipeline" => PipelineAsync(cancellationToken),
        "latency" => LatencyAsync(cancellationToken),
        "pacing" => PacingAsync(cancellationToken),
        "tokens" => TokensAsync(cancellationToken),
        _ => throw new ArgumentException($"No scenario '{scenario}'.", nameof(scenario)),
    };

    /// <summary>
    /// Jira latency 0, one replica: the pipeline's own cost. The simulator's burst limits are off and the worker's
    /// site rate is set high (an operator's setting), so neither Jira's limits nor pacing bound the number.
    /// </summary>
    private async Task<Dictionary<string, double>> PipelineAsync(CancellationToken cancellationToken)
    {
        var commands = options.CommandsOr(5000);
        var warmup = options.WarmupOr(3000);
        var spec = new StandSpec("pipeline", 1, new SimulatorConfig { BurstLimitsEnabled = false }, new FaultSettings(), new Dictionary<string, string>
        {
            ["IssueSync__Pacing__InitialSiteRate"] = "10000",
            ["IssueSync__Pacing__MaxSiteRate"] = "10000",
        });
        await using var stand = await BenchStand.StartAsync(options, runId, spec, output, cancellationToken);
        var run = await stand.RunAsync("pw-", commands, warmup, Patience(commands + warmup, 20), cancellationToken);
        output.WriteLine($"[pipeline] worker: {run.Summary()}");
        await stand.Fleet.StopAllAsync(cancellationToken);

        var ceiling = await InProcessConsumer.RunAsync(options, stand.Settings.InputQueue + "-ceiling", "pc-", commands, warmup,
            (_, _) => Task.FromResult(true), Patience(commands, 100), cancellationToken);
        output.WriteLine($"[pipeline] ceiling (no-op MassTransit consumer): {ceiling.Summary()}");

        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in BenchSites.Accounts)
        {
            tokens[account.Connection] = (await stand.Simulator.Admin.IssueTokensAsync(account.AccountId, ct: cancellationToken)).AccessToken;
        }

        using var http = new HttpClient { BaseAddress = stand.Settings.SimulatorUrl, Timeout = TimeSpan.FromSeconds(30) };
        var recipe = new NaiveRecipe(http, tokens);
        var before = await stand.Simulator.Admin.GetStatsAsync(cancellationToken);
        var baseline = await InProcessConsumer.RunAsync(options, stand.Settings.InputQueue + "-baseline", "pb-", commands, warmup, recipe.CreateAsync,
            Patience(commands, 20), cancellationToken);
        var baselineStats = new StatsDelta(before, await stand.Simulator.Admin.GetStatsAsync(cancellationToken));
        var baselineCalls = baseline.SucceededInAll > 0 ? (double)baselineStats.JiraCalls / baseline.SucceededInAll : 0;
        output.WriteLine($"[pipeline] baseline (naive recipe): {baseline.Summary()}; {baselineStats.JiraCalls} Jira calls ({baselineCalls:0.00}/issue)");

        return new Dictionary<string, double>
        {
            ["issues_per_s"] = run.IssuesPerSecond,
            ["ceiling_msgs_per_s"] = ceiling.PerSecond,
            ["baseline_issues_per_s"] = baseline.PerSecond,
            ["ratio_to_ceiling"] = ceiling.PerSecond > 0 ? run.IssuesPerSecond / ceiling.PerSecond : 0,
            ["jira_calls_per_issue"] = run.JiraCallsPerIssue,
            ["baseline_jira_calls_per_issue"] = baselineCalls,
            ["worker_cpu_ms_per_issue"] = run.CpuMsPerIssue,
            ["worker_peak_rss_mb"] = run.WorkerPeakRssMb,
            ["p50_ms"] = run.P50Ms,
            ["p95_ms"] = run.P95Ms,
            ["p99_ms"] = run.P99Ms,
            ["lost"] = run.Record.Lost,
            ["duplicates"] = run.Record.Duplicates,
            ["commands"] = commands,
            ["created"] = run.Created,
            ["baseline_created"] = baseline.Succeeded,
            ["warmup_commands"] = warmup,
            ["cold_issues_per_s"] = run.Cold?.IssuesPerSecond ?? run.IssuesPerSecond,
            ["cold_worker_cpu_ms_per_issue"] = run.Cold?.CpuMsPerIssue ?? run.CpuMsPerIssue,
        };
    }

    /// <summary>Jira latency 250 ± 50 ms on every call, 1 and 3 replicas, the default pacing and Jira's default burst limits.</summary>
    private async Task<Dictionary<string, double>> LatencyAsync(CancellationToken cancellationToken)
    {
        var latency = new FaultSettings { LatencyMs = 200, LatencyJitterMs = 100 };
        var results = new Dictionary<string, double>();
        foreach (var (replicas, commands, warmup) in new[] { (1, options.CommandsOr(2000), options.WarmupOr(1000)), (3, options.CommandsOr(4000), options.WarmupOr(3000)) })
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"latency{replicas}");
            await using var stand = await BenchStand.StartAsync(options, runId, new StandSpec(name, replicas, new SimulatorConfig(), latency, DefaultWorker), output, cancellationToken);
            var run = await stand.RunAsync("l" + replicas + "-", commands, warmup, Patience(commands + warmup, 5), cancellationToken);
            var bound = replicas * options.Concurrency / LatencySeconds;
            output.WriteLine($"[{name}] {run.Summary()}; concurrency allows {bound:0}/s");
            results[$"replicas_{replicas}_issues_per_s"] = run.IssuesPerSecond;
            results[$"replicas_{replicas}_concurrency_bound_issues_per_s"] = bound;
            results[$"replicas_{replicas}_ratio_to_bound"] = run.IssuesPerSecond / bound;
            results[$"replicas_{replicas}_lost"] = run.Record.Lost;
            results[$"replicas_{replicas}_duplicates"] = run.Record.Duplicates;
            results[$"replicas_{replicas}_p50_ms"] = run.P50Ms;
            results[$"replicas_{replicas}_p99_ms"] = run.P99Ms;
            results[$"replicas_{replicas}_warmup_commands"] = warmup;
            results[$"replicas_{replicas}_cold_issues_per_s"] = run.Cold?.IssuesPerSecond ?? run.IssuesPerSecond;
        }

        results["concurrency_bound_issues_per_s"] = results["replicas_3_concurrency_bound_issues_per_s"];
        return results;
    }

    /// <summary>5 sites allowing 20 POST/s each, 3 replicas; then Jira's global points quota as the only limit.</summary>
    private async Task<Dictionary<string, double>> PacingAsync(CancellationToken cancellationToken)
    {
        var commands = options.CommandsOr(5000);
        var warmup = options.WarmupOr(3000);
        var limited = new SimulatorConfig
        {
            SiteBurstLimits = BenchSites.CloudIds.ToDictionary(id => id, _ => (BurstRateOverrides?)new BurstRateOverrides { PostPerSecond = PacedSitePostsPerSecond }),
        };
        WorkerRun burst;
        await using (var stand = await BenchStand.StartAsync(options, runId, new StandSpec("pacing", 3, limited, new FaultSettings(), DefaultWorker), output, cancellationToken))
        {
            burst = await stand.RunAsync("pp-", commands, warmup, Patience(commands + warmup, 10), cancellationToken);
        }

        var allowed = BenchSites.SiteCount * PacedSitePostsPerSecond;
        output.WriteLine($"[pacing] {burst.Summary()}; the sites allow {allowed:0}/s");

        var quotaCommands = options.CommandsOr(1800);
        // Never a warm-up (not even with --warmup): commands paused by the quota wait in the ledger, so the queue empties
        // into the ledger within seconds and no warm-up batch can be kept ahead of the measured one.
        const int quotaWarmup = 0;
        var quota = new SimulatorConfig { GlobalQuotaPoints = QuotaPoints, GlobalQuotaWindowSeconds = QuotaWindowSeconds };
        WorkerRun quotaRun;
        await using (var stand = await BenchStand.StartAsync(options, runId, new StandSpec("quota", 3, quota, new FaultSettings(), DefaultWorker), output, cancellationToken))
        {
            quotaRun = await stand.RunAsync("pq-", quotaCommands, quotaWarmup, Patience(quotaCommands + quotaWarmup, 5), cancellationToken);
        }

        var quotaAllowed = QuotaPoints / QuotaWindowSeconds;
        output.WriteLine($"[quota] {quotaRun.Summary()}; the quota allows {quotaAllowed:0}/s");
        return new Dictionary<string, double>
        {
            ["allowed_per_s"] = allowed,
            ["goodput_per_s"] = burst.IssuesPerSecond,
            ["goodput_ratio"] = burst.IssuesPerSecond / allowed,
            ["share_429"] = burst.ShareOfCreates("429"),
            ["lost"] = burst.Record.Lost,
            ["duplicates"] = burst.Record.Duplicates,
            ["quota_allowed_per_s"] = quotaAllowed,
            ["quota_goodput_per_s"] = quotaRun.IssuesPerSecond,
            ["quota_goodput_ratio"] = quotaRun.IssuesPerSecond / quotaAllowed,
            ["quota_share_429"] = quotaRun.ShareOfCreates("429"),
            ["quota_lost"] = quotaRun.Record.Lost,
            ["quota_duplicates"] = quotaRun.Record.Duplicates,
            ["warmup_commands"] = warmup,
            ["cold_goodput_per_s"] = burst.Cold?.IssuesPerSecond ?? burst.IssuesPerSecond,
            ["quota_warmup_commands"] = quotaWarmup,
        };
    }

    /// <summary>
    /// 30 s access tokens, 3 replicas, 10,000 commands: refreshes per connection per token lifetime, and 401s. No
    /// warm-up: the targets count Jira's answers over the whole run, not its speed.
    /// </summary>
    private async Task<Dictionary<string, double>> TokensAsync(CancellationToken cancellationToken)
    {
        var commands = options.CommandsOr(10_000);
        var config = new SimulatorConfig { AccessTokenLifetimeSeconds = ShortTokenSeconds };
        await using var stand = await BenchStand.StartAsync(options, runId, new StandSpec("tokens", 3, config, new FaultSettings(), DefaultWorker), output, cancellationToken);
        var run = await stand.RunAsync("pt-", commands, warmup: 0, Patience(commands, 10), cancellationToken);
        // The token lifetimes the run needs per connection: the tokens of the consent have expired by the time the
        // queue is full, so a connection used for D seconds needs at least floor(D / lifetime) + 1 tokens.
        var lifetimes = run.Seconds > 0 ? Math.Floor(run.Seconds / ShortTokenSeconds) + 1 : 0;
        var connections = BenchSites.Accounts.Count;
        output.WriteLine($"[tokens] {run.Summary()}; {run.Seconds:0.0} s = {lifetimes:0} token lifetimes needed per connection");
        return new Dictionary<string, double>
        {
            ["refreshes"] = run.Stats.Refreshes,
            ["connections"] = connections,
            ["lifetimes"] = lifetimes,
            ["refreshes_per_connection_per_lifetime"] = lifetimes > 0 ? run.Stats.Refreshes / (connections * lifetimes) : 0,
            ["invalid_grant"] = run.Stats.InvalidGrants,
            ["share_401"] = run.ShareOfCreates("401"),
            ["issues_per_s"] = run.IssuesPerSecond,
            ["run_seconds"] = run.Seconds,
            ["token_lifetime_s"] = ShortTokenSeconds,
            ["lost"] = run.Record.Lost,
            ["duplicates"] = run.Record.Duplicates,
        };
    }

    // Long enough for a slow, contended machine; a run that takes longer is reported with what it finished.
    private static TimeSpan Patience(int commands, double slowestRatePerSecond) => TimeSpan.FromSeconds(Math.Max(120, commands / slowestRatePerSecond));
}
