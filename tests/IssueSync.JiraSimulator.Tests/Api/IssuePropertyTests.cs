using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Api;

/// <summary><c>PUT /rest/api/3/issue/{idOrKey}/properties/{key}</c>, the simulator's write to an existing issue.</summary>
public sealed class IssuePropertyTests
{
    [Fact]
    public async Task A_property_is_created_then_updated_and_read_back()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using (var created = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask()))
        {
            await created.AssertStatusAsync(201);
        }

        using (var first = await sim.ApiAsync(HttpMethod.Put, "issue/OPS-1/properties/issuesync.request", tokens.AccessToken, new { id = "a" }))
        {
            await first.AssertStatusAsync(201);
        }

        using (var second = await sim.ApiAsync(HttpMethod.Put, "issue/10000/properties/issuesync.request", tokens.AccessToken, new { id = "b" }))
        {
            await second.AssertStatusAsync(200);
        }

        using var read = await sim.GetAsync("issue/OPS-1/properties/issuesync.request", tokens.AccessToken);
        await read.AssertBodyAsync(200, """{"key":"issuesync.request","value":{"id":"b"}}""");
        Assert.Equal(1, (await sim.Host.Admin.GetStatsAsync(TestContext.Current.CancellationToken)).Requests["set-issue-property"]["200"]);
    }

    [Fact]
    public async Task Unknown_issues_long_keys_big_values_and_missing_scope_are_refused()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using (var created = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask()))
        {
            await created.AssertStatusAsync(201);
        }

        using (var unknown = await sim.ApiAsync(HttpMethod.Put, "issue/OPS-9/properties/p", tokens.AccessToken, new { x = 1 }))
        {
            await unknown.AssertBodyAsync(404, """{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}""");
        }

        using (var longKey = await sim.ApiAsync(HttpMethod.Put, $"issue/OPS-1/properties/{new string('k', 256)}", tokens.AccessToken, new { x = 1 }))
        {
            await longKey.AssertBodyAsync(400, """{"errorMessages":["The property key cannot be longer than 255 characters."],"errors":{}}""");
        }

        using (var big = await sim.ApiAsync(HttpMethod.Put, "issue/OPS-1/properties/p", tokens.AccessToken, new { x = new string('v', 32_768) }))
        {
            await big.AssertBodyAsync(400, """{"errorMessages":["The property 'p' has a value longer than 32768 bytes."],"errors":{}}""");
        }

        var readOnly = await sim.ConnectAsync("read:jira-work offline_access");
        using var noScope = await sim.ApiAsync(HttpMethod.Put, "issue/OPS-1/properties/p", readOnly.AccessToken, new { x = 1 });
        await noScope.AssertBodyAsync(401, HttpAssertions.Unauthorized);
        Assert.Empty(sim.Host.State.Issues.All()[0].Properties);
    }
}
