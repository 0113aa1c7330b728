using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Api;

/// <summary>429s, atlassian-api.md §5.</summary>
public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    [Fact]
    public async Task The_burst_bucket_throttles_POSTs_per_site_with_headers()
    {
        await using var sim = await TestSimulator.StartAsync(o =>
        {
            o.BurstCapacity = 3;
            o.BurstRefillPerSecond = 0.5;
        });
        var tokens = await sim.ConnectAsync();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask($"n{i}"));
            await ok.AssertStatusAsync(201);
        }

        using var limited = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask("over"));
        await limited.AssertBodyAsync(429, """{"errorMessages":["Rate limit exceeded."],"errors":{}}""");
        Assert.Equal("2", Header(limited, "Retry-After"));
        Assert.Equal("jira-burst-based", Header(limited, "RateLimit-Reason"));
        Assert.Equal("3", Header(limited, "X-RateLimit-Limit"));
        Assert.Equal("0", Header(limited, "X-RateLimit-Remaining"));
        Assert.Equal("2026-03-02T10:01Z", Header(limited, "X-RateLimit-Reset"));
        Assert.Equal(3, sim.Host.State.Issues.Count);

        // GETs are not limited by the POST bucket; the other site has its own bucket.
        using (var get = await sim.GetAsync("issue/createmeta/OPS/issuetypes", tokens.AccessToken))
        {
            await get.AssertStatusAsync(200);
        }

        using (var otherSite = await sim.CreateIssueAsync(
                   tokens.AccessToken,
                   new Dictionary<string, object?> { ["project"] = new { key = "LAB" }, ["issuetype"] = new { id = DefaultSeed.Task }, ["summary"] = "x" },
                   DefaultSeed.AcmeLabs))
        {
            await otherSite.AssertStatusAsync(201);
        }

        sim.Time.Advance(TimeSpan.FromSeconds(2));
        using (var refilled = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask("after refill")))
        {
            await refilled.AssertStatusAsync(201);
        }

        var stats = await sim.Host.Admin.GetStatsAsync(Ct);
        Assert.Equal(1, stats.Throttled["jira-burst-based"]);
        Assert.Equal(1, stats.Requests["create-issue"]["429"]);
    }

    [Fact]
    public async Task The_global_quota_throttles_every_request_until_the_window_resets()
    {
        await using var sim = await TestSimulator.StartAsync(o =>
        {
            o.GlobalQuotaPoints = 5;
            o.GlobalQuotaWindow = TimeSpan.FromHours(1);
        });
        var tokens = await sim.ConnectAsync();

        // A createmeta page of 3 issue types costs 1 + 3 points; a create costs 1.
        using (var meta = await sim.GetAsync("issue/createmeta/OPS/issuetypes", tokens.AccessToken))
        {
            await meta.AssertStatusAsync(200);
        }

        using (var create = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask()))
        {
            await create.AssertStatusAsync(201);
        }

        using var limited = await sim.GetAsync("myself", tokens.AccessToken, DefaultSeed.AcmeLabs);
        await limited.AssertStatusAsync(429);
        Assert.Equal("jira-quota-global-based", Header(limited, "RateLimit-Reason"));
        Assert.Equal(((int)(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(30)).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), Header(limited, "Retry-After"));
        Assert.Equal("2026-03-02T11:00Z", Header(limited, "X-RateLimit-Reset"));
        Assert.Equal("5", Header(limited, "X-RateLimit-Limit"));
        Assert.Equal("0", Header(limited, "X-RateLimit-Remaining"));
        Assert.Equal("\"global-app-quota\";q=5;w=3600", Header(limited, "RateLimit-Policy"));

        // accessible-resources is not a Jira API call and is not charged.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "oauth/token/accessible-resources"))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
            using var resources = await sim.Http.SendAsync(request, Ct);
            await resources.AssertStatusAsync(200);
        }

        sim.Time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(30));
        using var afterReset = await sim.GetAsync("myself", tokens.AccessToken);
        await afterReset.AssertStatusAsync(200);
        Assert.Equal(1, (await sim.Host.Admin.GetStatsAsync(Ct)).Throttled["jira-quota-global-based"]);
    }

    [Fact]
    public async Task Limits_can_be_turned_on_at_runtime()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        await sim.Host.Admin.UpdateConfigAsync(new IssueSync.JiraSimulator.Admin.SimulatorConfig { BurstCapacity = 1, BurstRefillPerSecond = 1 }, Ct);
        using (var first = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask()))
        {
            await first.AssertStatusAsync(201);
        }

        using var second = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask());
        await second.AssertStatusAsync(429);
        Assert.Equal("1", Header(second, "Retry-After"));
    }
}
