using System.Diagnostics;
using IssueSync.Harness;
using IssueSync.JiraSimulator.Issues;

namespace IssueSync.Soak;

/// <summary>One soak: start everything, publish the plan while the chaos runs, wait for quiescence, judge from the outside.</summary>
public sealed class SoakRun(SoakOptions options, string repositoryRoot, TextWriter output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var plan = SoakPlan.Create(options);
        PrintPlan(plan);
        var setup = Stopwatch.StartNew();
        await using var environment = await SoakEnvironment.StartAsync(options, repositoryRoot, output, cancellationToken);
        output.WriteLine($"[setup] ready in {setup.Elapsed.TotalSeconds:0} s; faults: {SoakFaults.Describe(options.Rate)}");

        var clock = Stopwatch.StartNew();
        var timeline = new Timeline(clock, output, environment.Settings.LogPath("timeline"));
        await environment.Simulator.Admin.SetFaultsAsync(SoakFaults.For(plan.FaultSeed(0), 0), cancellationToken);
        var chaos = new ChaosRunner(plan, environment, timeline);
        using var progress = new CancellationTokenSource();
        var progressTask = ReportProgressAsync(plan, environment, timeline, progress.Token);
        var publishing = PublishAsync(plan, environment, clock, cancellationToken);
        await Task.WhenAll(publishing, chaos.RunAsync(clock, cancellationToken));
        timeline.Add($"published {plan.Publishes.Count} messages ({environment.Publisher.Retries} sent again after a broker hiccup); chaos over, {environment.Fleet.Kills} kills; waiting for quiescence (at most {options.DrainTimeout.TotalSeconds:0} s)");

        // No more faults while the system drains: what is still wrong now stays wrong.
        await environment.Simulator.Admin.SetFaultsAsync(new(), cancellationToken);
        var drainTimeout = await WaitForQuiescenceAsync(plan, environment, timeline, cancellationToken);
        await progress.CancelAsync();
        await progressTask;
        timeline.Add(drainTimeout is null ? "quiescent" : "deadline reached: " + drainTimeout);

        // The workers stop before anything is read: the evidence is one consistent picture even after a timeout.
        await environment.Fleet.StopAllAsync(cancellationToken);
        timeline.Add("workers stopped; gathering the evidence");
        var evidence = await GatherAsync(plan, environment, chaos, drainTimeout, cancellationToken);
        var verdict = Verdict.From(evidence);
        Report.Write(output, verdict, evidence, environment.Settings.RunDirectory);
        return verdict.Ok;
    }

    private void PrintPlan(SoakPlan plan)
    {
        var invalid = plan.Commands.Count(c => !c.IsValid);
        var doubled = plan.Commands.Count(c => c.Doubled);
        var kills = plan.Schedule.Count(a => a.Kind == ChaosKind.KillWorker);
        var restarts = plan.Schedule.Where(a => a.Kind is ChaosKind.RestartRabbitMq or ChaosKind.RestartPostgres)
            .Select(a => $"{(a.Kind == ChaosKind.RestartRabbitMq ? "RabbitMQ" : "PostgreSQL")}{(a.Argument == 1 ? " (SIGKILL)" : "")} at {a.At.TotalSeconds:0} s");
        output.WriteLine($"soak seed {options.Seed} ({options.Mode}): {plan.Commands.Count} commands ({invalid} invalid, {doubled} published twice) " +
            $"at {options.Rate}/s over {options.PublisherConnections} AMQP connections to {options.Workers} worker processes, ~{plan.PublishDuration.TotalSeconds:0} s");
        output.WriteLine($"  chaos: {kills} worker kills (~every {options.KillEvery.TotalSeconds:0} s), {string.Join(", ", restarts)}, " +
            $"grant of {SoakAccount.Revoked.Connection} revoked at {plan.PublishDuration.TotalSeconds * 0.25:0} s");
        output.WriteLine($"  reproduce: tests/soak.sh --{options.Mode} --commands {options.Commands} --seed {options.Seed}");
    }

    private static async Task PublishAsync(SoakPlan plan, SoakEnvironment environment, Stopwatch clock, CancellationToken cancellationToken)
    {
        // Each AMQP connection publishes its own share in plan order, as several producers would.
        var lanes = plan.Publishes.GroupBy(p => p.Lane).Select(lane => Task.Run(async () =>
        {
            foreach (var publish in lane)
            {
                var wait = publish.At - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                await environment.Publisher.PublishAsync(publish.Lane, publish.Command.Key, CommandJson.Serialize(publish.Command.Command), cancellationToken);
            }
        }, cancellationToken));
        await Task.WhenAll(lanes);
    }

    private static async Task ReportProgressAsync(SoakPlan plan, SoakEnvironment environment, Timeline timeline, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(15), stop);
                var sent = environment.Publisher.Sends.Count;
                string states;
                try
                {
                    var counts = await environment.Ledger.CountByStateAsync(plan.KeyPrefix, stop);
                    states = string.Join(", ", counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));
                }
                catch (Npgsql.NpgsqlException)
                {
                    states = "ledger unreachable";
                }

                timeline.Add($"progress: {sent}/{plan.Commands.Count} published; ledger {states}; {environment.Answers.Answers.Count} answers; {environment.Fleet.Kills} kills");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Null when every command is terminal and answered and the queues are empty; otherwise what is missing at the deadline.</summary>
    private async Task<string?> WaitForQuiescenceAsync(SoakPlan plan, SoakEnvironment environment, Timeline timeline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var missing = "";
        var lastReport = TimeSpan.Zero;
        while (clock.Elapsed < options.DrainTimeout)
        {
            missing = await MissingAsync(plan, environment, cancellationToken);
            if (missing.Length == 0)
            {
                // Late duplicates or answers still count: give them a moment, then look once more.
                await Task.Delay(Settle, cancellationToken);
                missing = await MissingAsync(plan, environment, cancellationToken);
                if (missing.Length == 0)
                {
                    timeline.Add($"quiescent after {clock.Elapsed.TotalSeconds:0} s of draining");
                    return null;
                }
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(15))
            {
                lastReport = clock.Elapsed;
                timeline.Add($"draining: {missing}");
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        return $"after {options.DrainTimeout.TotalSeconds:0} s: {missing}";
    }

    private static async Task<string> MissingAsync(SoakPlan plan, SoakEnvironment environment, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        try
        {
            var counts = await environment.Ledger.CountByStateAsync(plan.KeyPrefix, cancellationToken);
            var terminal = counts.Where(kv => kv.Key is "Created" or "Failed" or "Discarded").Sum(kv => kv.Value);
            if (terminal < plan.Commands.Count)
            {
                problems.Add($"{plan.Commands.Count - terminal} commands not terminal ({string.Join(", ", counts.Where(kv => kv.Key is not ("Created" or "Failed" or "Discarded")).Select(kv => $"{kv.Key} {kv.Value}"))}" +
                    $"{(counts.Values.Sum() < plan.Commands.Count ? $", {plan.Commands.Count - counts.Values.Sum()} without a ledger row" : "")})");
            }
        }
        catch (Npgsql.NpgsqlException ex)
        {
            problems.Add("ledger unreachable: " + ex.Message);
        }

        var answered = environment.Answers.Answers.Select(a => a.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        var unanswered = plan.Commands.Count(c => !answered.Contains(c.Key));
        if (unanswered > 0)
        {
            problems.Add($"{unanswered} commands without an answer");
        }

        try
        {
            var queues = await QueueInspector.DepthsAsync(environment.Settings.RabbitMqUri,
                [.. QueueInspector.WorkerQueues(environment.Settings.InputQueue), environment.Answers.Queue], cancellationToken);
            problems.AddRange(queues.Where(q => q.Messages > 0).Select(q => $"{q.Messages} messages in {q.Queue}"));
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException)
        {
            problems.Add("broker unreachable: " + ex.Message);
        }

        return string.Join("; ", problems);
    }

    private static async Task<Evidence> GatherAsync(SoakPlan plan, SoakEnvironment environment, ChaosRunner chaos, string? drainTimeout, CancellationToken cancellationToken)
    {
        var simulator = environment.Simulator.Admin;
        IReadOnlyList<SimulatedIssue> issues = await simulator.GetIssuesAsync(ct: cancellationToken);
        var tokens = await SimulatorTokens.ListAsync(environment.Simulator, cancellationToken);
        var logs = LogFiles(environment.Settings).ToList();
        return new Evidence
        {
            Plan = plan,
            Sends = environment.Publisher.Sends,
            Answers = [.. environment.Answers.Answers],
            Reauthorizations = [.. environment.Answers.Reauthorizations],
            UnreadableAnswers = environment.Answers.Unreadable,
            Issues = issues,
            Ledger = await environment.Ledger.ReadAsync(plan.KeyPrefix, cancellationToken),
            ConnectionStatuses = await environment.Ledger.ConnectionStatusesAsync(cancellationToken),
            Rejected = await environment.Ledger.RejectedAsync(cancellationToken),
            Queues = await QueueInspector.DepthsAsync(environment.Settings.RabbitMqUri,
                [.. QueueInspector.WorkerQueues(environment.Settings.InputQueue), environment.Answers.Queue], cancellationToken),
            Tokens = tokens,
            Leaks = tokens is null ? [] : SecretScanner.Scan(logs, tokens),
            LogFilesScanned = logs.Count,
            Stats = await simulator.GetStatsAsync(cancellationToken),
            ChaosProblems = [.. chaos.Problems],
            Revocation = chaos.Revocation,
            Kills = environment.Fleet.Kills,
            RabbitMqRestarts = chaos.RabbitMqRestarts,
            PostgresRestarts = chaos.PostgresRestarts,
            DrainTimeout = drainTimeout,
        };
    }

    /// <summary>Every process log of the run, and the services' own logs when the soak started them.</summary>
    private static IEnumerable<string> LogFiles(HarnessSettings settings)
    {
        foreach (var file in Directory.EnumerateFiles(settings.RunDirectory, "*.log"))
        {
            yield return file;
        }

        if (Environment.GetEnvironmentVariable("ISSUESYNC_SERVICES_DIR") is { Length: > 0 } services && Directory.Exists(services) && settings.ServicesScript is not null)
        {
            foreach (var file in Directory.EnumerateFiles(services, "*.log", SearchOption.AllDirectories))
            {
                yield return file;
            }
        }
    }
}
