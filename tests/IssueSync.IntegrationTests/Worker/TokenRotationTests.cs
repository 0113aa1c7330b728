using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Pipeline;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IssueSync.IntegrationTests.Worker;

/// <summary>
/// A rotated refresh token must never be lost: Atlassian revokes the whole grant when the previous one is used more
/// than 10 minutes after a rotation, and the user is locked out. The worker and the simulator share one clock here,
/// so "10 minutes later" takes no time.
/// </summary>
public sealed class TokenRotationTests(IntegrationServices services)
{
    private static readonly Dictionary<string, string?> HandDriven = new()
    {
        ["IssueSync:DispatchInterval"] = "1.00:00:00",
        ["IssueSync:LedgerClock"] = "Local",
    };

    [Fact]
    public async Task A_replica_that_dies_after_Atlassian_rotated_the_token_but_before_storing_it_does_not_lock_the_user_out()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var faults = new DbFaults();
        await using var scenario = await PipelineScenario.StartAsync(services, simulatorTime: clock, worker: s => s with { Overrides = HandDriven },
            replicaServices: (_, s) => s.UseClock(clock).AddDbFaults(faults));
        // The access token is about to expire: the next command refreshes it. Storing the rotated pair never
        // succeeds on this replica, which then goes away.
        clock.Advance(TimeSpan.FromMinutes(56));
        faults.FailNext(sql => sql.Contains("UPDATE connections SET", StringComparison.Ordinal) && sql.Contains("\"ProtectedRefreshToken\" = ", StringComparison.Ordinal),
            count: int.MaxValue);
        await scenario.SendAsync(PipelineScenario.Command("rotate-1"));
        await Eventually.TrueAsync(async () => (await scenario.Simulator.Admin.GetStatsAsync()).Refreshes >= 1, "the token was never refreshed");
        await Eventually.TrueAsync(() => Task.FromResult(faults.Injected >= 1), "the rotated token was never written");
        await scenario.StopWorkerAsync(0);
        faults.Clear();

        // Another replica is up; nobody sends anything for an hour.
        var next = await scenario.AddWorkerAsync(s => s.UseClock(clock));
        var dispatcher = next.Services.GetRequiredService<RetryDispatcher>();
        clock.Advance(TimeSpan.FromSeconds(20));
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(61));
        while (await dispatcher.DispatchOnceAsync(CancellationToken.None) > 0)
        {
        }

        var command = Assert.Single(await scenario.CommandsAsync(["rotate-1"]));
        Assert.Equal(CommandState.Created, command.State);
        Assert.Equal(ConnectionStatus.Active, await scenario.WithDbAsync(db => db.Connections.Select(c => c.Status).SingleAsync()));
        Assert.Equal(0, (await scenario.Simulator.Admin.GetStatsAsync()).InvalidGrants);
    }

    [Fact]
    public async Task Shutdown_between_Atlassians_rotation_and_storing_it_still_stores_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gate = new HttpGate();
        var watch = new ConsumeWatch();
        await using var scenario = await PipelineScenario.StartAsync(services, simulatorTime: clock, worker: s => s with { Overrides = HandDriven },
            replicaServices: (_, s) => s.UseClock(clock).AddHttpGate(gate).AddConsumeObserver(_ => watch).CancelConsumersAtStop());
        clock.Advance(TimeSpan.FromMinutes(56));
        var refresh = gate.HoldNext(HttpMethod.Post, "/oauth/token", GatePoint.AfterResponse);

        await scenario.SendAsync(PipelineScenario.Command("rotate-2"));
        await refresh.WaitReachedAsync();
        // A rollout stops the pod while Atlassian's answer with the rotated pair is on its way in.
        var stopping = scenario.StopWorkerAsync(0);
        await watch.Cancelled.WaitAsync(TimeSpan.FromSeconds(30));
        refresh.Release();
        await stopping;

        var next = await scenario.AddWorkerAsync(s => s.UseClock(clock));
        clock.Advance(TimeSpan.FromMinutes(61));
        var dispatcher = next.Services.GetRequiredService<RetryDispatcher>();
        while (await dispatcher.DispatchOnceAsync(CancellationToken.None) > 0)
        {
        }

        var command = Assert.Single(await scenario.CommandsAsync(["rotate-2"]));
        Assert.Equal(CommandState.Created, command.State);
        Assert.Equal(0, (await scenario.Simulator.Admin.GetStatsAsync()).InvalidGrants);
    }
}
