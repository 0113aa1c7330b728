using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.JiraSimulator.Faults;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Pipeline;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IssueSync.IntegrationTests.Worker;

/// <summary>
/// The races of the exactly-once promise, each played out in a fixed order: a gate in the worker's HTTP pipeline
/// holds a request where the test wants it, the replicas and the simulator run on clocks the test advances, and
/// database faults are injected on chosen statements. No test waits for luck: every wait is for a condition.
/// </summary>
public sealed class ExactlyOnceTests(IntegrationServices services)
{
    /// <summary>Background dispatch off: the tests drive the dispatcher themselves, on their clock.</summary>
    private static readonly Dictionary<string, string?> DriveDispatchByHand = new()
    {
        ["IssueSync:DispatchInterval"] = "1.00:00:00",
        ["IssueSync:LedgerClock"] = "Local",
    };

    [Fact]
    public async Task A_failed_write_of_the_result_mark_never_posts_the_issue_again()
    {
        var faults = new DbFaults();
        var watch = new ConsumeWatch();
        await using var events = await EventListener.StartAsync(services);
        await using var scenario = await PipelineScenario.StartAsync(services, worker: HandDriven,
            replicaServices: (_, s) => s.AddDbFaults(faults).AddConsumeObserver(_ => watch));
        // The write that notes "the result event went out" fails once, as a blip would.
        faults.FailNext(sql => sql.Contains("UPDATE commands", StringComparison.Ordinal) && sql.Contains("\"ResultPublishedAt\" = ", StringComparison.Ordinal));

        await scenario.SendAsync(PipelineScenario.Command("mark-1"));
        await WaitUntilAsync(() => faults.Injected == 1 && watch.Finished == 1, () => $"the delivery was never finished ({faults.Injected} faults, {watch.Finished} done)");
        await SettleAsync(scenario);

        var command = Assert.Single(await scenario.CommandsAsync(["mark-1"]));
        Assert.Equal(CommandState.Created, command.State);
        var issue = Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync());
        Assert.Equal(issue.Key, command.JiraIssueKey);
        Assert.All(events.Created.Where(e => e.IdempotencyKey == "mark-1"), e => Assert.Equal(issue.Key, e.IssueKey));
    }

    [Fact]
    public async Task The_attempt_does_not_wait_for_the_mark_of_its_answer_and_the_mark_is_written_after()
    {
        var faults = new DbFaults();
        var watch = new ConsumeWatch();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var events = await EventListener.StartAsync(services);
        await using var scenario = await PipelineScenario.StartAsync(services, worker: HandDriven,
            replicaServices: (_, s) => s.AddDbFaults(faults).AddConsumeObserver(_ => watch));
        var markHeld = faults.HoldNext(sql => sql.Contains("UPDATE commands", StringComparison.Ordinal) && sql.Contains("\"ResultPublishedAt\" = ", StringComparison.Ordinal),
            release.Task);

        await scenario.SendAsync(PipelineScenario.Command("unwaited-mark-1"));
        await markHeld.WaitAsync(TestContext.Current.CancellationToken);
        // The mark's write is held, yet the delivery finishes: the answer went out and the slot is free for the next message.
        await WaitUntilAsync(() => watch.Finished == 1, "the delivery waited for the mark of its answer");
        await WaitUntilAsync(() => events.Created.Any(e => e.IdempotencyKey == "unwaited-mark-1"), "the answer never went out");
        Assert.Null(Assert.Single(await scenario.CommandsAsync(["unwaited-mark-1"])).ResultPublishedAt);

        release.SetResult();
        await Eventually.TrueAsync(async () => (await scenario.CommandsAsync(["unwaited-mark-1"]))[0].ResultPublishedAt is not null, "the mark was never written");
        Assert.Equal(CommandState.Created, Assert.Single(await scenario.CommandsAsync(["unwaited-mark-1"])).State);
    }

    [Fact]
    public async Task A_replica_that_lost_its_lease_never_hands_the_command_on_while_the_new_owner_posts()
    {
        // Replica A is slow (held at create metadata); replica B's clock is 3 minutes ahead, so A's lease has
        // lapsed for B. B takes the command over and is in the middle of its POST when A wakes up.
        var clockA = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var clockB = new FakeTimeProvider(clockA.GetUtcNow() + TimeSpan.FromMinutes(3));
        var gateA = new HttpGate();
        var gateB = new HttpGate();
        var watchA = new ConsumeWatch();
        await using var scenario = await PipelineScenario.StartAsync(services, worker: HandDriven,
            replicaServices: (_, s) => s.UseClock(clockA).AddHttpGate(gateA).AddConsumeObserver(_ => watchA));
        var slowMetadata = gateA.HoldNext(HttpMethod.Get, "/issue/createmeta/", GatePoint.BeforeSend);

        await scenario.SendAsync(PipelineScenario.Command("lease-1"));
        await slowMetadata.WaitReachedAsync();

        // B's dispatcher runs once as B starts: it finds A's lapsed lease, takes the command and posts.
        var postOfB = gateB.HoldNext(HttpMethod.Post, "/rest/api/3/issue", GatePoint.AfterResponse);
        await scenario.AddWorkerAsync(s => s.UseClock(clockB).AddHttpGate(gateB));
        await postOfB.WaitReachedAsync();

        // A wakes up and finishes its attempt however it can; then A's dispatcher looks for due work.
        slowMetadata.Release();
        await WaitUntilAsync(() => watchA.Finished == 1, "replica A's attempt never finished");
        await scenario.Worker.Services.GetRequiredService<RetryDispatcher>().DispatchOnceAsync(CancellationToken.None);

        postOfB.Release();
        await SettleAsync(scenario);

        Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync());
        Assert.Equal(CommandState.Created, Assert.Single(await scenario.CommandsAsync(["lease-1"])).State);
    }

    [Fact]
    public async Task One_not_found_from_a_lagging_search_index_is_not_believed()
    {
        // Jira's search can lag behind a create for longer than the first lookup waits.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scenario = await PipelineScenario.StartAsync(services,
            worker: s => HandDriven(s) with { LookupSchedule = [TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)] },
            simulator: o => o.SearchIndexDelay = TimeSpan.FromSeconds(40), simulatorTime: clock,
            replicaServices: (_, s) => s.UseClock(clock));
        await scenario.Simulator.Admin.SetFaultsAsync(new FaultSettings { LostResponseNextCount = 1, LostResponseMode = LostResponseMode.GatewayTimeout });

        await scenario.SendAsync(PipelineScenario.Command("lag-1"));
        await scenario.WaitForAsync(["lag-1"], c => c.AttemptLog.Any(a => a.Outcome == "unknown-outcome"));

        foreach (var step in new[] { 16, 30, 60, 300 })
        {
            clock.Advance(TimeSpan.FromSeconds(step));
            await SettleAsync(scenario);
        }

        Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync());
        Assert.Equal(CommandState.Created, Assert.Single(await scenario.CommandsAsync(["lag-1"])).State);
    }

    [Fact]
    public async Task Shutdown_does_not_cancel_a_create_request_in_flight()
    {
        var gate = new HttpGate();
        var watch = new ConsumeWatch();
        await using var scenario = await PipelineScenario.StartAsync(services, worker: HandDriven,
            replicaServices: (_, s) => s.AddHttpGate(gate).AddConsumeObserver(_ => watch).CancelConsumersAtStop());
        var post = gate.HoldNext(HttpMethod.Post, "/rest/api/3/issue", GatePoint.AfterResponse);

        await scenario.SendAsync(PipelineScenario.Command("rollout-1"));
        await post.WaitReachedAsync();
        // A rollout stops the pod while Jira has created the issue and its answer is on the way.
        var stopping = scenario.StopWorkerAsync(0);
        await watch.Cancelled.WaitAsync(TimeSpan.FromSeconds(30));
        post.Release();
        await stopping;

        var command = await scenario.WithDbAsync(db => db.Commands.AsNoTracking().Include(c => c.AttemptLog).SingleAsync());
        Assert.Equal(CommandState.Created, command.State);
        Assert.Equal(Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync()).Key, command.JiraIssueKey);
        Assert.DoesNotContain(command.AttemptLog, a => a.Outcome == "unknown-outcome");
    }

    [Fact]
    public async Task Running_out_of_attempts_while_the_issue_may_exist_never_answers_failed()
    {
        // Every create request ends in a 500 after it was sent, and the dedupe search keeps failing: nobody can
        // tell whether an issue exists. The command must stay uncertain, not fail.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var events = await EventListener.StartAsync(services);
        await using var scenario = await PipelineScenario.StartAsync(services, simulatorTime: clock,
            worker: s => HandDriven(s) with
            {
                Overrides = new Dictionary<string, string?>(DriveDispatchByHand) { ["IssueSync:Retry:MaxAttempts"] = "2" },
            },
            replicaServices: (_, s) => s.UseClock(clock));
        await scenario.Simulator.Admin.SetFaultsAsync(new FaultSettings { ServerErrorProbability = 1, Endpoints = ["create-issue", "search-jql"] });

        await scenario.SendAsync(PipelineScenario.Command("unknown-1"));
        await scenario.WaitForAsync(["unknown-1"], c => c.AttemptLog.Count > 0);
        for (var i = 0; i < 8; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await SettleAsync(scenario);
        }

        var command = Assert.Single(await scenario.CommandsAsync(["unknown-1"]));
        Assert.NotEqual(CommandState.Failed, command.State);
        Assert.DoesNotContain(events.Failed, e => e.IdempotencyKey == "unknown-1");
    }

    [Fact]
    public async Task A_consumer_cancelled_by_shutdown_is_not_recorded_as_a_malformed_message()
    {
        var gate = new HttpGate();
        var watch = new ConsumeWatch();
        await using var events = await EventListener.StartAsync(services);
        await using var scenario = await PipelineScenario.StartAsync(services, worker: HandDriven,
            replicaServices: (_, s) => s.AddHttpGate(gate).AddConsumeObserver(_ => watch).CancelConsumersAtStop());
        var metadata = gate.HoldNext(HttpMethod.Get, "/issue/createmeta/", GatePoint.BeforeSend);

        await scenario.SendAsync(PipelineScenario.Command("restart-1"));
        await metadata.WaitReachedAsync();
        await scenario.StopWorkerAsync(0);

        await scenario.AddWorkerAsync();
        await SettleAsync(scenario);
        var command = Assert.Single(await scenario.WaitForTerminalAsync(["restart-1"]));
        Assert.Equal(CommandState.Created, command.State);
        Assert.Empty(await scenario.WithDbAsync(db => db.RejectedMessages.AsNoTracking().ToListAsync()));
        Assert.DoesNotContain(events.Failed, e => e.IdempotencyKey == "restart-1");
        Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync());
    }

    [Theory]
    [InlineData(403, """{"errorMessages":["You do not have permission to create issues in this project."],"errors":{}}""")]
    [InlineData(404, """{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}""")]
    public async Task A_403_or_404_that_is_really_an_expired_token_is_refreshed_once_and_retried(int status, string body)
    {
        // Atlassian's gateway reports some expired tokens as 403 or 404 (docs/atlassian-api.md §4.3).
        var gate = new HttpGate();
        await using var scenario = await PipelineScenario.StartAsync(services, worker: HandDriven, replicaServices: (_, s) => s.AddHttpGate(gate));
        gate.AnswerNext(HttpMethod.Post, "/rest/api/3/issue", (System.Net.HttpStatusCode)status, body);

        await scenario.SendAsync(PipelineScenario.Command($"expired-{status}"));

        var command = Assert.Single(await scenario.WaitForTerminalAsync([$"expired-{status}"]));
        Assert.Equal(CommandState.Created, command.State);
        Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync());
        Assert.Equal(1, (await scenario.Simulator.Admin.GetStatsAsync()).Refreshes);
    }

    [Fact]
    public async Task A_replica_that_dies_between_Jiras_answer_and_its_commit_leaves_a_command_that_is_found_not_posted_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var faults = new DbFaults();
        var watch = new ConsumeWatch();
        await using var scenario = await PipelineScenario.StartAsync(services, worker: HandDriven, simulatorTime: clock,
            replicaServices: (_, s) => s.UseClock(clock).AddDbFaults(faults).AddConsumeObserver(_ => watch));
        // Nothing that records the created issue reaches the database, as if the pod died right after Jira's 201.
        faults.FailNext(sql => sql.Contains("UPDATE commands SET", StringComparison.Ordinal) && sql.Contains("\"JiraIssueKey\" = ", StringComparison.Ordinal),
            count: int.MaxValue);

        await scenario.SendAsync(PipelineScenario.Command("crash-1"));
        await WaitUntilAsync(() => watch.Finished == 1, "the delivery never finished");
        Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync());
        faults.Clear();

        clock.Advance(TimeSpan.FromMinutes(3));
        await SettleAsync(scenario);

        var command = Assert.Single(await scenario.CommandsAsync(["crash-1"]));
        Assert.Equal(CommandState.Created, command.State);
        Assert.Equal(Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync()).Key, command.JiraIssueKey);
        Assert.Contains(command.AttemptLog, a => a.Outcome == "found-by-lookup");
        Assert.Equal(1, command.AbandonedAttempts);

    }

    [Fact]
    public async Task A_replica_that_takes_over_an_abandoned_command_leaves_the_content_stage_before_it_waits_for_anything()
    {
        // Only deaths while a command's content is converted may quarantine it (the soak killed workers while they
        // waited, and valid commands were quarantined). The takeover marks the stage and must clear it before its lookup.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var faults = new DbFaults();
        var gate = new HttpGate();
        var watch = new ConsumeWatch();
        await using var scenario = await PipelineScenario.StartAsync(services, worker: HandDriven, simulatorTime: clock,
            replicaServices: (_, s) => s.UseClock(clock).AddDbFaults(faults).AddHttpGate(gate).AddConsumeObserver(_ => watch));
        faults.FailNext(sql => sql.Contains("UPDATE commands SET", StringComparison.Ordinal) && sql.Contains("\"JiraIssueKey\" = ", StringComparison.Ordinal),
            count: int.MaxValue);
        await scenario.SendAsync(PipelineScenario.Command("stage-1"));
        await WaitUntilAsync(() => watch.Finished == 1, "the delivery never finished");
        faults.Clear();

        var lookup = gate.HoldNext(HttpMethod.Post, "/search/jql", GatePoint.BeforeSend);
        clock.Advance(TimeSpan.FromMinutes(3));
        var takeover = scenario.Workers[0].Services.GetRequiredService<RetryDispatcher>().DispatchOnceAsync(CancellationToken.None);
        await lookup.WaitReachedAsync();

        var held = Assert.Single(await scenario.CommandsAsync(["stage-1"]));
        Assert.Equal(CommandState.InProgress, held.State);
        Assert.Equal(1, held.AbandonedAttempts);
        Assert.False(held.InContentStage, $"v{held.Version} tries {held.Tries} owner {held.LeaseOwner} outcome {held.Outcome} log: " +
            string.Join("; ", held.AttemptLog.Select(a => $"{a.Number}:{a.Outcome}")));
        lookup.Release();
        await takeover;
        await SettleAsync(scenario);

        var command = Assert.Single(await scenario.CommandsAsync(["stage-1"]));
        Assert.Equal(CommandState.Created, command.State);
        Assert.Equal(0, command.ContentStageCrashes);
        Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync());
    }

    [Fact]
    public async Task Two_copies_of_a_command_in_flight_at_once_create_one_issue()
    {
        var gate = new HttpGate();
        var watch = new ConsumeWatch();
        await using var events = await EventListener.StartAsync(services);
        await using var scenario = await PipelineScenario.StartAsync(services, worker: HandDriven,
            replicaServices: (_, s) => s.AddHttpGate(gate).AddConsumeObserver(_ => watch));
        var firstCopy = gate.HoldNext(HttpMethod.Get, "/issue/createmeta/", GatePoint.BeforeSend);

        await scenario.SendAsync(PipelineScenario.Command("twice-at-once"));
        await firstCopy.WaitReachedAsync();
        // The second copy arrives while the first is in the middle of its attempt.
        await scenario.SendAsync(PipelineScenario.Command("twice-at-once"));
        await WaitUntilAsync(() => watch.Finished == 1, "the second copy was never handled");
        firstCopy.Release();
        await WaitUntilAsync(() => watch.Finished == 2, "the first copy never finished");

        var command = Assert.Single(await scenario.CommandsAsync(["twice-at-once"]));
        Assert.Equal(CommandState.Created, command.State);
        var issue = Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync());
        var answer = await EventListener.WaitForAsync(events.Created, e => e.IdempotencyKey == "twice-at-once");
        Assert.Equal(issue.Key, answer.IssueKey);
        Assert.All(events.Created.Where(e => e.IdempotencyKey == "twice-at-once"), e => Assert.Equal(issue.Key, e.IssueKey));
        Assert.Equal(1, (await scenario.Simulator.Admin.GetStatsAsync()).Requests["create-issue"].Values.Sum());
    }

    private static WorkerSettings HandDriven(WorkerSettings settings) => settings with { Overrides = DriveDispatchByHand };

    /// <summary>Runs every replica's dispatcher until a whole pass finds nothing to do and nothing is in flight.</summary>
    private static async Task SettleAsync(PipelineScenario scenario)
    {
        for (var pass = 0; pass < 50; pass++)
        {
            var worked = 0;
            foreach (var worker in scenario.Workers)
            {
                worked += await worker.Services.GetRequiredService<RetryDispatcher>().DispatchOnceAsync(CancellationToken.None);
            }

            var inFlight = await scenario.WithDbAsync(db => db.Commands.CountAsync(c => c.State == CommandState.InProgress && c.LeaseOwner != null));
            if (worked == 0 && inFlight == 0)
            {
                return;
            }

            if (worked == 0)
            {
                await Task.Delay(50);
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure) => await WaitUntilAsync(condition, () => failure);

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(failure());
            }

            await Task.Delay(20);
        }
    }
}
