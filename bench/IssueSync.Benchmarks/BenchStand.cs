using System.Diagnostics;
using System.Globalization;
using IssueSync.Harness;
using IssueSync.JiraSimulator.Stats;

namespace IssueSync.Benchmarks;

/// <summary>
/// One running system: a fresh database, the simulator process with the bench's sites, the worker processes, every
/// account connected through the real OAuth flow, and a publisher of raw JSON over several AMQP connections.
/// </summary>
public sealed class BenchStand : IAsyncDisposable
{
    public const int PublisherConnections = 4;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);
    private readonly TextWriter _output;

    private BenchStand(HarnessSettings settings, StandSpec spec, TextWriter output)
    {
        Settings = settings;
        Spec = spec;
        _output = output;
        Ledger = new LedgerReader(settings.DatabaseConnectionString);
    }

    public HarnessSettings Settings { get; }

    public StandSpec Spec { get; }

    public LedgerReader Ledger { get; }

    public SimulatorProcess Simulator { get; private set; } = null!;

    public WorkerFleet Fleet { get; private set; } = null!;

    public static async Task<BenchStand> StartAsync(BenchOptions options, string runId, StandSpec spec, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(output);
        var id = runId + "-" + spec.Name;
        var environment = new Dictionary<string, string>(spec.WorkerEnvironment)
        {
            ["IssueSync__ConcurrencyLimit"] = options.Concurrency.ToString(CultureInfo.InvariantCulture),
            ["IssueSync__PrefetchCount"] = (options.Concurrency * 2).ToString(CultureInfo.InvariantCulture),
        };
        var settings = new HarnessSettings
        {
            RepositoryRoot = options.RepositoryRoot,
            RunDirectory = Path.Combine(options.RepositoryRoot, "artifacts", "bench", runId, spec.Name),
            RabbitMqUri = options.RabbitMqUri,
            PostgresAdminConnectionString = options.PostgresConnectionString,
            DatabaseName = "issuesync_bench_" + id.Replace('-', '_'),
            InputQueue = "bench-" + id,
            SimulatorPort = FreePorts.Next(),
            Workers = HarnessSettings.FreeWorkerSlots(spec.Replicas),
            WorkerEnvironment = environment,
        };
        Directory.CreateDirectory(settings.RunDirectory);
        var stand = new BenchStand(settings, spec, output);
        try
        {
            await stand.StartProcessesAsync(cancellationToken);
        }
        catch
        {
            await stand.DisposeAsync();
            throw;
        }

        return stand;
    }

    /// <summary>
    /// Stops the workers, puts every command on the queue (a warm-up batch first, then the measured one), starts the
    /// workers again and waits until the ledger has every command in a final state; measures from the outside (ledger
    /// times, simulator record and counters, /proc). Throughput, latency and CPU are the measured batch's; Jira's
    /// answers (calls, 429s, 401s, refreshes) and the simulator's record (lost, duplicates) cover both batches.
    /// </summary>
    public async Task<WorkerRun> RunAsync(string keyPrefix, int commands, int warmup, TimeSpan patience, CancellationToken cancellationToken)
    {
        // With the queue filled before the workers start, the measurement sees the pipeline, not the publisher.
        await Fleet.StopAllAsync(cancellationToken);
        var before = await Simulator.Admin.GetStatsAsync(cancellationToken);
        var warmupPrefix = WarmupPrefix(keyPrefix);
        if (warmup > 0)
        {
            await PublishAsync(warmupPrefix, warmup, cancellationToken);
        }

        await PublishAsync(keyPrefix, commands, cancellationToken);

        var cpuAtStart = new Dictionary<int, double>();
        foreach (var worker in Fleet.Workers)
        {
            await worker.StartAsync(cancellationToken);
            cpuAtStart[worker.ProcessId!.Value] = ProcessMeter.CpuMilliseconds(worker.ProcessId.Value);
        }

        WorkerRun? cold = null;
        var cpuAtMeasuredStart = cpuAtStart;
        var overlapped = false;
        if (warmup > 0)
        {
            // A replica in service has compiled its code; one just started spends its first minute in the JIT.
            await WaitForFinalStatesAsync(warmupPrefix, warmup, patience, cancellationToken);
            // Commands that wait in the ledger (paced, paused) let later ones overtake them: when much of the measured
            // batch is done already, its CPU cannot be told from the warm-up's.
            overlapped = Final(await Ledger.CountByStateAsync(keyPrefix, cancellationToken)) > commands / 10;
            var warmupCpu = CpuSince(cpuAtStart);
            cpuAtMeasuredStart = Fleet.Workers.ToDictionary(w => w.ProcessId!.Value, w => ProcessMeter.CpuMilliseconds(w.ProcessId!.Value));

            var warmupRows = await Ledger.ReadAsync(warmupPrefix, cancellationToken);
            cold = WorkerRun.From(warmupRows.Values, warmup, new StatsDelta(before, before), new SimulatorRecord(0, 0, 0), warmupCpu, 0);
            _output.WriteLine($"[{Spec.Name}] warm-up: {cold.Created}/{warmup} created in {cold.Seconds:0.0} s = {cold.IssuesPerSecond:0.0} issues/s, " +
                $"worker CPU {cold.CpuMsPerIssue:0.00} ms/issue (not measured)");
        }

        var finished = await WaitForFinalStatesAsync(keyPrefix, commands, patience, cancellationToken);
        var cpu = CpuSince(cpuAtMeasuredStart);
        if (overlapped && cold is not null)
        {
            // The CPU of both batches, shared out per created issue.
            var both = CpuSince(cpuAtStart);
            var createdMeasured = (await Ledger.CountByStateAsync(keyPrefix, cancellationToken)).GetValueOrDefault("Created");
            cpu = cold.Created + createdMeasured > 0 ? both * createdMeasured / (cold.Created + createdMeasured) : 0;
            _output.WriteLine($"[{Spec.Name}] the measured batch overtook the warm-up (commands waited in the ledger): its CPU is the mean of both batches");
        }

        var peakRss = Fleet.Workers.Max(w => ProcessMeter.PeakRssMegabytes(w.ProcessId!.Value));
        var after = await Simulator.Admin.GetStatsAsync(cancellationToken);
        var rows = await Ledger.ReadAsync(keyPrefix, cancellationToken);
        var record = await SimulatorRecord.ReadAsync(Simulator.Admin, keyPrefix, commands, cancellationToken);
        if (warmup > 0)
        {
            record += await SimulatorRecord.ReadAsync(Simulator.Admin, warmupPrefix, warmup, cancellationToken);
        }

        if (!finished)
        {
            _output.WriteLine($"[{Spec.Name}] not every command reached a final state within {patience.TotalSeconds:0} s: measuring what there is");
        }

        return WorkerRun.From(rows.Values, commands, new StatsDelta(before, after), record, cpu, peakRss) with
        {
            StatsCreated = rows.Values.Count(r => r.State == "Created") + (cold?.Created ?? 0),
            Cold = cold,
        };
    }

    /// <summary>The workers' CPU time since <paramref name="baseline"/> (milliseconds per process id), summed.</summary>
    private double CpuSince(Dictionary<int, double> baseline) =>
        Fleet.Workers.Sum(w => ProcessMeter.CpuMilliseconds(w.ProcessId!.Value) - baseline[w.ProcessId.Value]);

    /// <summary>Commands in a final state, from the ledger's counts by state.</summary>
    private static int Final(IReadOnlyDictionary<string, int> counts) =>
        counts.Where(kv => kv.Key is "Created" or "Failed" or "Discarded").Sum(kv => kv.Value);

    /// <summary>The keys of a run's warm-up batch: a prefix of their own, so that no measured key's prefix matches them.</summary>
    public static string WarmupPrefix(string keyPrefix) => "w" + keyPrefix;

    public async ValueTask DisposeAsync()
    {
        if (Fleet is not null)
        {
            await Fleet.DisposeAsync();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
    }

    private async Task StartProcessesAsync(CancellationToken cancellationToken)
    {
        await LedgerReader.CreateDatabaseAsync(Settings.PostgresAdminConnectionString, Settings.DatabaseName, cancellationToken);
        Simulator = await SimulatorProcess.StartAsync(Settings, cancellationToken);
        await Simulator.Admin.LoadSeedAsync(BenchSites.Seed(await Simulator.Admin.GetSeedAsync(cancellationToken)), cancellationToken);
        foreach (var slot in Settings.Workers)
        {
            await Simulator.RegisterCallbackAsync(slot.CallbackUrl, cancellationToken);
        }

        // Before any consent: token lifetimes apply to the tokens minted from now on.
        await Simulator.Admin.UpdateConfigAsync(Spec.Simulator, cancellationToken);
        await Simulator.Admin.SetFaultsAsync(Spec.Faults, cancellationToken);
        Fleet = await WorkerFleet.StartAsync(Settings, cancellationToken);
        var connector = new OAuthConnector(Settings);
        foreach (var (account, i) in BenchSites.Accounts.Select((a, i) => (a, i)))
        {
            await connector.ConnectAsync(Fleet.Workers[i % Fleet.Workers.Count].Slot, account.Connection, account.AccountId, null, cancellationToken);
        }

        _output.WriteLine($"[{Spec.Name}] {Fleet.Workers.Count} worker process(es), simulator on {Settings.SimulatorUrl}, " +
            $"{BenchSites.Accounts.Count} connections on {BenchSites.SiteCount} sites through the OAuth flow; logs in {Settings.RunDirectory}");
    }

    private async Task PublishAsync(string keyPrefix, int commands, CancellationToken cancellationToken)
    {
        await using var publisher = await CommandPublisher.ConnectAsync(Settings.RabbitMqUri, Settings.InputQueue, PublisherConnections, cancellationToken);
        await PublishAllAsync(publisher, keyPrefix, commands, cancellationToken);
    }

    /// <summary>Publishes <paramref name="commands"/> commands spread over every connection of the bench, one lane per publisher connection.</summary>
    public static Task PublishAllAsync(CommandPublisher publisher, string keyPrefix, int commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        return Task.WhenAll(Enumerable.Range(0, publisher.Connections).Select(async lane =>
        {
            for (var i = lane; i < commands; i += publisher.Connections)
            {
                var key = BenchCommands.Key(keyPrefix, i);
                var connection = BenchSites.Accounts[i % BenchSites.Accounts.Count].Connection;
                await publisher.PublishAsync(lane, key, BenchCommands.Serialize(BenchCommands.Command(key, connection)), cancellationToken);
            }
        }));
    }

    private async Task<bool> WaitForFinalStatesAsync(string keyPrefix, int commands, TimeSpan patience, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var nextProgress = ProgressEvery;
        while (true)
        {
            var counts = await Ledger.CountByStateAsync(keyPrefix, cancellationToken);
            if (Final(counts) >= commands)
            {
                return true;
            }

            if (clock.Elapsed > patience)
            {
                return false;
            }

            if (clock.Elapsed > nextProgress)
            {
                nextProgress += ProgressEvery;
                _output.WriteLine($"[{Spec.Name}] {clock.Elapsed.TotalSeconds:0} s: {string.Join(", ", counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }
}

/// <summary>The simulator's counters after minus before.</summary>
public sealed record StatsDelta(SimulatorStatsSnapshot Before, SimulatorStatsSnapshot After)
{
    /// <summary>The OAuth token endpoint: not a Jira API call.</summary>
    public const string TokenEndpoint = "token";

    public long Requests(string endpoint, string? status = null) => Count(After, endpoint, status) - Count(Before, endpoint, status);

    /// <summary>Every API request (including accessible-resources, createmeta, search, throttled ones) except the token endpoint.</summary>
    public long JiraCalls => After.Requests.Keys.Where(e => e != TokenEndpoint).Sum(e => Requests(e));

    public long Refreshes => After.Refreshes - Before.Refreshes;

    public long InvalidGrants => After.InvalidGrants - Before.InvalidGrants;

    private static long Count(SimulatorStatsSnapshot snapshot, string endpoint, string? status) =>
        snapshot.Requests.TryGetValue(endpoint, out var byStatus)
            ? status is null ? byStatus.Values.Sum() : byStatus.TryGetValue(status, out var n) ? n : 0
            : 0;
}
