using System.Net.Http.Headers;
using System.Text;
using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IssueSync.IntegrationTests.Worker;

/// <summary>429s are waited out durably, honouring Retry-After, and pace the whole connection.</summary>
public sealed class RateLimitTests(IntegrationServices services)
{
    [Fact]
    public async Task A_burst_of_429s_ends_with_every_issue_created_and_Retry_After_honoured()
    {
        // A bucket of 3 POSTs (1.5 s of 2 per second).
        await using var scenario = await PipelineScenario.StartAsync(services, simulator: o =>
            o.BurstLimits = new IssueSync.JiraSimulator.RateLimiting.BurstRates { PostPerSecond = 2, BucketSeconds = 1.5 });
        var keys = Enumerable.Range(1, 20).Select(i => $"burst-{i:D2}").ToList();

        await scenario.SendAsync(keys.Select(k => PipelineScenario.Command(k)).ToArray());

        var commands = await scenario.WaitForTerminalAsync(keys, TimeSpan.FromSeconds(90));
        Assert.All(commands, c => Assert.Equal(CommandState.Created, c.State));
        Assert.Equal(20, (await scenario.Simulator.Admin.GetIssuesAsync()).Count);
        Assert.Empty(await scenario.Simulator.Admin.GetDuplicatesAsync());
        var stats = await scenario.Simulator.Admin.GetStatsAsync();
        Assert.True(stats.Throttled.GetValueOrDefault("jira-burst-based") > 0, "the simulator never throttled: the test proves nothing");

        // After a 429 the command's next request to Jira waits at least Retry-After (the simulator sends 1 s here).
        var limited = 0;
        foreach (var command in commands)
        {
            var toJira = command.AttemptLog.Where(a => a.Outcome is "created" or "rate-limited-burst").OrderBy(a => a.Number).ToList();
            for (var i = 0; i + 1 < toJira.Count; i++)
            {
                if (toJira[i].Outcome != "rate-limited-burst")
                {
                    continue;
                }

                limited++;
                Assert.Equal(429, toJira[i].HttpStatus);
                Assert.True(toJira[i + 1].StartedAt >= toJira[i].FinishedAt!.Value.AddSeconds(1) - TimeSpan.FromMilliseconds(50),
                    $"{command.IdempotencyKey} was retried {toJira[i + 1].StartedAt - toJira[i].FinishedAt!.Value} after a 429 with Retry-After: 1");
            }
        }

        Assert.True(limited > 0);
    }

    [Fact]
    public async Task A_quota_429_pauses_the_app_until_the_window_resets()
    {
        // The quota's window moves only when the test says so: 30 commands cannot fit in one window of 25 points
        // however slow the machine is, and the window resets only after the app has been refused.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scenario = await PipelineScenario.StartAsync(services, simulatorTime: clock, simulator: o =>
        {
            o.GlobalQuotaPoints = 25;
            o.GlobalQuotaWindow = TimeSpan.FromSeconds(2);
        });
        var keys = Enumerable.Range(1, 30).Select(i => $"quota-{i:D2}").ToList();

        await scenario.SendAsync(keys.Select(k => PipelineScenario.Command(k)).ToArray());

        var refusedSoFar = 0L;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while ((await scenario.CommandsAsync(keys)).Count(c => c.IsTerminal) < keys.Count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the commands never finished");
            var refused = (await scenario.Simulator.Admin.GetStatsAsync()).Throttled.GetValueOrDefault("jira-quota-global-based");
            if (refused > refusedSoFar)
            {
                refusedSoFar = refused;
                clock.Advance(TimeSpan.FromSeconds(2));
            }

            await Task.Delay(100);
        }

        var commands = await scenario.CommandsAsync(keys);
        Assert.All(commands, c => Assert.Equal(CommandState.Created, c.State));
        Assert.Equal(30, (await scenario.Simulator.Admin.GetIssuesAsync()).Count);
        Assert.True(refusedSoFar > 0, "the quota was never hit: the test proves nothing");
        Assert.Contains(commands.SelectMany(c => c.AttemptLog), a => a.Outcome == "rate-limited-quota");
        // While the app is paused, commands wait without calling Jira (no HTTP status in their attempt).
        Assert.Contains(commands.SelectMany(c => c.AttemptLog), a => a.Outcome == "rate-limited-quota" && a.HttpStatus is null);
    }

    [Fact]
    public async Task Waiting_out_429s_does_not_use_up_the_retry_budget()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scenario = await PipelineScenario.StartAsync(services, simulatorTime: clock, simulator: o =>
        {
            o.BurstLimits = new IssueSync.JiraSimulator.RateLimiting.BurstRates { PostPerSecond = 1, BucketSeconds = 1 };
        }, worker: s => s with { Overrides = HandDriven(("IssueSync:Retry:MaxAttempts", "2")) }, replicaServices: (_, s) => s.UseClock(clock));
        // Another app on the same Jira site takes the site's POST budget just before each of our tries.
        using var otherApp = await OtherAppAsync(scenario);
        await otherApp.PostAsync("issue", Json("{}"));

        await scenario.SendAsync(PipelineScenario.Command("budget-1"));
        await scenario.WaitForAsync(["budget-1"], c => c.AttemptLog.Any(a => a.HttpStatus == 429));
        for (var i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1.5));
            await otherApp.PostAsync("issue", Json("{}"));
            await DispatchAsync(scenario);
        }

        clock.Advance(TimeSpan.FromSeconds(2));
        await DispatchAsync(scenario);

        var command = Assert.Single(await scenario.CommandsAsync(["budget-1"]));
        Assert.Equal(CommandState.Created, command.State);
        Assert.True(command.AttemptLog.Count(a => a.HttpStatus == 429) >= 3, "Jira did not limit us often enough: the test proves nothing");
    }

    [Fact]
    public async Task A_global_quota_429_pauses_every_connection_of_the_app()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scenario = await PipelineScenario.StartAsync(services, simulatorTime: clock, simulator: o =>
        {
            o.GlobalQuotaPoints = 3;
            o.GlobalQuotaWindow = TimeSpan.FromHours(1);
        }, worker: s => s with { Overrides = HandDriven() }, replicaServices: (_, s) => s.UseClock(clock));
        await scenario.ConnectAsync("beta");

        await scenario.SendAsync(PipelineScenario.Command("quota-a"));
        await scenario.WaitForAsync(["quota-a"], c => c.AttemptLog.Any(a => a.HttpStatus == 429));
        Assert.Equal(1, (await scenario.Simulator.Admin.GetStatsAsync()).Throttled.GetValueOrDefault("jira-quota-global-based"));

        // The quota is one pool for the whole app: another connection must not spend requests on it either.
        await scenario.SendAsync(PipelineScenario.Command("quota-b", c => c with { ConnectionId = "beta" }));
        await scenario.WaitForAsync(["quota-b"], c => c.AttemptLog.Count > 0);
        await DispatchAsync(scenario);
        Assert.Equal(1, (await scenario.Simulator.Admin.GetStatsAsync()).Throttled.GetValueOrDefault("jira-quota-global-based"));

        // The next window (with room for both) lets them through.
        await scenario.Simulator.Admin.UpdateConfigAsync(new IssueSync.JiraSimulator.Admin.SimulatorConfig { GlobalQuotaPoints = 10_000 });
        clock.Advance(TimeSpan.FromHours(1));
        await DispatchAsync(scenario);
        Assert.All(await scenario.CommandsAsync(["quota-a", "quota-b"]), c => Assert.Equal(CommandState.Created, c.State));
    }

    [Fact]
    public async Task Create_requests_are_paced_below_the_sites_limit_by_every_replica_together()
    {
        await using var scenario = await PipelineScenario.StartAsync(services, replicas: 2,
            simulator: o => o.BurstLimits = new IssueSync.JiraSimulator.RateLimiting.BurstRates { PostPerSecond = 5, BucketSeconds = 1 },
            worker: s => s with { Overrides = new Dictionary<string, string?> { ["IssueSync:Pacing:InitialSiteRate"] = "20" } });
        var keys = Enumerable.Range(1, 40).Select(i => $"paced-{i:D2}").ToList();

        await scenario.SendAsync(keys.Select(k => PipelineScenario.Command(k)).ToArray());

        var commands = await scenario.WaitForTerminalAsync(keys, TimeSpan.FromSeconds(120));
        Assert.All(commands, c => Assert.Equal(CommandState.Created, c.State));
        Assert.Empty(await scenario.Simulator.Admin.GetDuplicatesAsync());
        var stats = await scenario.Simulator.Admin.GetStatsAsync();
        var posts = stats.Requests["create-issue"].Values.Sum();
        var limited = stats.Requests["create-issue"].GetValueOrDefault("429");
        // The first requests meet the limit at 20/s; from then on both replicas together stay below 5/s.
        Assert.True(limited > 0, "the site never limited us: the test proves nothing");
        var attempts = commands.SelectMany(c => c.AttemptLog).OrderBy(a => a.FinishedAt).ToList();
        var firstLimit = attempts.First(a => a.HttpStatus == 429).FinishedAt!.Value;
        var lateLimits = attempts.Count(a => a.HttpStatus == 429 && a.FinishedAt > firstLimit.AddSeconds(3));
        Assert.True(lateLimits <= 2, $"{lateLimits} create requests were answered 429 after the first wave ({limited} of {posts} in all): " +
            string.Join(", ", attempts.Select(a => $"{a.FinishedAt:HH:mm:ss.fff} {a.Replica} {a.Outcome}")));
        var site = await scenario.WithDbAsync(db => db.Pacing.AsNoTracking().SingleAsync(p => p.Scope == "site:" + PipelineScenario.CloudId));
        Assert.Equal(5, site.LimitPerSecond);
        Assert.True(site.RatePerSecond <= 5, $"paced at {site.RatePerSecond}/s");
    }

    private static Dictionary<string, string?> HandDriven(params (string Key, string Value)[] more)
    {
        var values = new Dictionary<string, string?> { ["IssueSync:DispatchInterval"] = "1.00:00:00", ["IssueSync:LedgerClock"] = "Local" };
        foreach (var (key, value) in more)
        {
            values[key] = value;
        }

        return values;
    }

    private static async Task DispatchAsync(PipelineScenario scenario)
    {
        var dispatcher = scenario.Worker.Services.GetRequiredService<RetryDispatcher>();
        while (await dispatcher.DispatchOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    private static async Task<HttpClient> OtherAppAsync(PipelineScenario scenario)
    {
        var tokens = await scenario.Simulator.Admin.IssueTokensAsync(PipelineScenario.AccountId);
        var client = new HttpClient { BaseAddress = new Uri(scenario.Simulator.BaseUrl, $"ex/jira/{PipelineScenario.CloudId}/rest/api/3/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
