using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Api;

public sealed class ConcurrencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parallel_creates_get_distinct_consecutive_keys()
    {
        // This is about key allocation, not the burst limit: 200 creates at one instant need a bigger bucket.
        await using var sim = await TestSimulator.StartAsync(o => o.BurstLimits = new RateLimiting.BurstRates { PostPerSecond = 200 });
        var tokens = await sim.ConnectAsync();

        var keys = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask($"parallel {i}", $"issuesync-{i}"));
            await response.AssertStatusAsync(201);
            return (await response.JsonAsync()).GetProperty("key").GetString()!;
        }));

        Assert.Equal(200, keys.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 200).Select(n => $"OPS-{n}").Order(), keys.Order());
        Assert.Equal(200, (await sim.Host.Admin.GetStatsAsync(Ct)).IssuesCreated);
        Assert.Empty(await sim.Host.Admin.GetDuplicatesAsync(Ct));
    }

    [Fact]
    public async Task Parallel_refreshes_of_one_token_all_succeed_inside_the_leeway()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => sim.RefreshOkAsync(tokens.RefreshToken!)));
        Assert.Equal(16, results.Select(r => r.RefreshToken).Distinct().Count());
        Assert.Equal(0, (await sim.Host.Admin.GetStatsAsync(Ct)).RevokedFamilies);
    }
}
