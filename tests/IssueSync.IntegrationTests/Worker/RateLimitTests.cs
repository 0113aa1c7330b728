using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.Worker.Persistence.Entities;

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
    public async Task A_quota_429_pauses_the_connection_until_the_window_resets()
    {
        await using var scenario = await PipelineScenario.StartAsync(services, simulator: o =>
        {
            o.GlobalQuotaPoints = 25;
            o.GlobalQuotaWindow = TimeSpan.FromSeconds(2);
        });
        var keys = Enumerable.Range(1, 30).Select(i => $"quota-{i:D2}").ToList();

        await scenario.SendAsync(keys.Select(k => PipelineScenario.Command(k)).ToArray());

        var commands = await scenario.WaitForTerminalAsync(keys, TimeSpan.FromSeconds(90));
        Assert.All(commands, c => Assert.Equal(CommandState.Created, c.State));
        Assert.Equal(30, (await scenario.Simulator.Admin.GetIssuesAsync()).Count);
        var stats = await scenario.Simulator.Admin.GetStatsAsync();
        Assert.True(stats.Throttled.GetValueOrDefault("jira-quota-global-based") > 0, "the quota was never hit: the test proves nothing");
        Assert.Contains(commands.SelectMany(c => c.AttemptLog), a => a.Outcome == "rate-limited-quota");
        // While paused, commands of the connection wait without calling Jira (recorded as "throttled").
        Assert.Contains(commands.SelectMany(c => c.AttemptLog), a => a.Outcome == "throttled" && a.HttpStatus is null);
    }
}
