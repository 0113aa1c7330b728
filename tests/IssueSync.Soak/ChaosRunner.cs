using System.Collections.Concurrent;
using System.Diagnostics;
using IssueSync.Harness;

namespace IssueSync.Soak;

/// <summary>
/// Carries out the plan's schedule while the commands are published: SIGKILLs workers and starts them again,
/// restarts RabbitMQ and PostgreSQL, changes the simulator's faults, revokes one account's grant and reconnects it
/// through the OAuth flow once its commands have parked. Everything it does goes to the timeline; anything that
/// does not work as planned is a problem that fails the run.
/// </summary>
public sealed class ChaosRunner(SoakPlan plan, SoakEnvironment environment, Timeline timeline)
{
    private static readonly TimeSpan ParkPatience = TimeSpan.FromSeconds(90);
    private readonly ConcurrentBag<Task> _restarts = [];
    private readonly ConcurrentDictionary<int, byte> _restarting = new();
    private int _protectedWorker = -1;

    public ConcurrentQueue<string> Problems { get; } = new();

    public RevocationRecord? Revocation { get; private set; }

    public int RabbitMqRestarts { get; private set; }

    public int PostgresRestarts { get; private set; }

    public async Task RunAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var running = new List<Task>();
        foreach (var action in plan.Schedule)
        {
            var wait = action.At - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            running.Add(Task.Run(() => GuardedAsync(action, cancellationToken), cancellationToken));
        }

        await Task.WhenAll(running);
        await Task.WhenAll(_restarts);
    }

    private async Task GuardedAsync(ChaosAction action, CancellationToken cancellationToken)
    {
        try
        {
            await (action.Kind switch
            {
                ChaosKind.KillWorker => KillAsync(action, cancellationToken),
                ChaosKind.RestartRabbitMq => RestartServiceAsync("rabbitmq", action.Argument == 1, cancellationToken),
                ChaosKind.RestartPostgres => RestartServiceAsync("postgres", action.Argument == 1, cancellationToken),
                ChaosKind.SwitchLostResponseMode => SwitchFaultsAsync(action.Argument, cancellationToken),
                ChaosKind.RevokeGrant => RevokeAndReconnectAsync(cancellationToken),
                _ => throw new InvalidOperationException($"unknown action {action.Kind}"),
            });
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong (a restart script, the simulator's admin API, the database), the run goes on and fails.
            Problem($"{action.Kind} at {action.At.TotalSeconds:0} s: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task KillAsync(ChaosAction action, CancellationToken cancellationToken)
    {
        var workers = environment.Fleet.Workers;
        // The planned worker, or the next one that is up (not still coming back from a kill) and not serving an OAuth callback.
        var index = Enumerable.Range(0, workers.Count).Select(i => (action.Argument + i) % workers.Count)
            .Where(i => i != Volatile.Read(ref _protectedWorker) && !_restarting.ContainsKey(i) && workers[i].IsRunning)
            .Cast<int?>()
            .FirstOrDefault();
        if (index is not { } slot || !_restarting.TryAdd(slot, 0))
        {
            timeline.Add($"kill skipped: no worker is up (planned {workers[action.Argument].Slot.ReplicaName})");
            return;
        }

        var target = workers[slot];
        var pid = target.ProcessId;
        await target.KillAsync(cancellationToken);
        timeline.Add($"SIGKILL {target.Slot.ReplicaName} (pid {pid}); restart in {action.Pause.TotalSeconds:0.0} s");
        _restarts.Add(Task.Run(async () =>
        {
            try
            {
                await Task.Delay(action.Pause, cancellationToken);
                var clock = Stopwatch.StartNew();
                await target.StartAsync(cancellationToken);
                timeline.Add($"{target.Slot.ReplicaName} ready again after {clock.Elapsed.TotalSeconds:0.0} s (pid {target.ProcessId})");
            }
            catch (HarnessException ex)
            {
                Problem($"{target.Slot.ReplicaName} did not come back after its kill: {ex.Message}");
            }
            finally
            {
                _restarting.TryRemove(slot, out _);
            }
        }, cancellationToken));
    }

    private async Task RestartServiceAsync(string service, bool abrupt, CancellationToken cancellationToken)
    {
        if (environment.Services is not { } services)
        {
            timeline.Add($"{service} restart skipped: the soak did not start the services itself (ISSUESYNC_TEST_* given)");
            Problem($"{service} was not restarted: run tests/soak.sh without ISSUESYNC_TEST_RABBITMQ/ISSUESYNC_TEST_POSTGRES so it starts services it may restart");
            return;
        }

        timeline.Add($"restarting {service}{(abrupt ? " abruptly (SIGKILL)" : "")}");
        var took = await services.RestartAsync(service, abrupt, cancellationToken);
        if (service == "rabbitmq")
        {
            RabbitMqRestarts++;
        }
        else
        {
            PostgresRestarts++;
        }

        timeline.Add($"{service} back after {took.TotalSeconds:0.0} s");
    }

    private async Task SwitchFaultsAsync(int change, CancellationToken cancellationToken)
    {
        var faults = SoakFaults.For(plan.FaultSeed(change), change);
        await environment.Simulator.Admin.SetFaultsAsync(faults, cancellationToken);
        timeline.Add($"faults: lost responses as {faults.LostResponseMode}, server errors {faults.ServerErrorStatus}, seed {faults.Seed}", verbose: true);
    }

    private async Task RevokeAndReconnectAsync(CancellationToken cancellationToken)
    {
        var account = SoakAccount.Revoked;
        var before = await environment.Simulator.Admin.GetStatsAsync(cancellationToken);
        var families = await environment.Simulator.Admin.RevokeUserAsync(account.AccountId, cancellationToken);
        var revokedAt = DateTimeOffset.UtcNow;
        timeline.Add($"revoked {account.AccountId}'s grant ({families} token families); connection {account.Connection} must park");

        // Wait until the worker has parked the connection's commands, then give a few more the time to pile up.
        var clock = Stopwatch.StartNew();
        var parked = 0;
        while (clock.Elapsed < ParkPatience)
        {
            parked = Math.Max(parked, await CountParkedAsync(account, cancellationToken));
            if (parked > 0 && clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        parked = Math.Max(parked, await CountParkedAsync(account, cancellationToken));
        timeline.Add($"{parked} of {account.Connection}'s commands parked after {clock.Elapsed.TotalSeconds:0} s; reconnecting through the OAuth flow");

        var workers = environment.Fleet.Workers;
        var index = Enumerable.Range(0, workers.Count).FirstOrDefault(i => workers[i].IsRunning && !_restarting.ContainsKey(i));
        Volatile.Write(ref _protectedWorker, index);
        int tries;
        try
        {
            await workers[index].WaitReadyAsync(cancellationToken);
            tries = await environment.Connector.ConnectAsync(workers[index].Slot, account.Connection, account.AccountId, null, cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _protectedWorker, -1);
        }

        Revocation = new RevocationRecord(account, revokedAt, DateTimeOffset.UtcNow, before.InvalidGrants, parked, tries);
        timeline.Add($"{account.Connection} reconnected through {workers[index].Slot.ReplicaName} ({tries} {(tries == 1 ? "try" : "tries")}); its parked commands must resume");
    }

    private async Task<int> CountParkedAsync(SoakAccount account, CancellationToken cancellationToken)
    {
        try
        {
            return await environment.Ledger.CountAsync(plan.KeyPrefix, account.Connection, "Parked", cancellationToken);
        }
        catch (Npgsql.NpgsqlException)
        {
            return 0; // PostgreSQL may be restarting right now.
        }
    }

    private void Problem(string text)
    {
        Problems.Enqueue(text);
        timeline.Add("PROBLEM: " + text);
    }
}

/// <summary>What happened to the revoked account.</summary>
/// <param name="Account">The account whose grant was revoked.</param>
/// <param name="RevokedAt">When the simulator revoked it.</param>
/// <param name="ReconnectedAt">When the OAuth flow had connected it again.</param>
/// <param name="InvalidGrantsBefore">The simulator's invalid_grant count just before the revocation (must be 0).</param>
/// <param name="ParkedSeen">The most commands of the connection seen parked at once.</param>
/// <param name="ConnectTries">Tries the reconnect took.</param>
public sealed record RevocationRecord(SoakAccount Account, DateTimeOffset RevokedAt, DateTimeOffset ReconnectedAt, long InvalidGrantsBefore, int ParkedSeen, int ConnectTries);
