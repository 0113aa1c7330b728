using System.Net;
using IssueSync.JiraSimulator.Admin;
using IssueSync.JiraSimulator.RateLimiting;
using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Api;

/// <summary>429s, docs/atlassian-api.md §5: burst buckets per site × endpoint × method, per-issue writes, the global quota.</summary>
public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    private static Dictionary<string, object?> LabTask(string summary) =>
        new() { ["project"] = new { key = "LAB" }, ["issuetype"] = new { id = DefaultSeed.Task }, ["summary"] = summary };

    /// <summary>Sends <paramref name="count"/> requests at one instant of the simulator's clock; returns their statuses.</summary>
    private static async Task<List<int>> BurstAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            using var response = await send(i);
            statuses.Add((int)response.StatusCode);
        }

        return statuses;
    }

    [Fact]
    public async Task By_default_POSTs_to_one_endpoint_of_a_site_are_limited_to_Jira_s_100_per_second()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();

        var statuses = await BurstAsync(101, i => sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask($"n{i}")));

        Assert.Equal(Enumerable.Repeat(201, 100).Append(429), statuses);
        Assert.Equal(100, sim.Host.State.Issues.Count);
        Assert.Equal(1, (await sim.Host.Admin.GetStatsAsync(Ct)).Throttled["jira-burst-based"]);
    }

    [Fact]
    public async Task Each_endpoint_method_and_site_has_its_own_bucket()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        Assert.All(await BurstAsync(100, i => sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask($"n{i}"))), s => Assert.Equal(201, s));
        using (var limited = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask("over")))
        {
            await limited.AssertStatusAsync(429);
            Assert.Equal("jira-burst-based", Header(limited, "RateLimit-Reason"));
        }

        // search/jql is a POST too, but another endpoint; GET search/jql is another method; the other site is another tenant.
        using (var search = await sim.SearchAsync(tokens.AccessToken, new { jql = "project = OPS" }))
        {
            await search.AssertStatusAsync(200);
        }

        using (var getSearch = await sim.GetAsync("search/jql?jql=project%20%3D%20OPS", tokens.AccessToken))
        {
            await getSearch.AssertStatusAsync(200);
        }

        using (var meta = await sim.GetAsync("issue/createmeta/OPS/issuetypes", tokens.AccessToken))
        {
            await meta.AssertStatusAsync(200);
        }

        using (var otherSite = await sim.CreateIssueAsync(tokens.AccessToken, LabTask("x"), DefaultSeed.AcmeLabs))
        {
            await otherSite.AssertStatusAsync(201);
        }

        // At 100 tokens per second, 10 ms later one more create fits.
        sim.Time.Advance(TimeSpan.FromMilliseconds(10));
        using (var refilled = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask("after refill")))
        {
            await refilled.AssertStatusAsync(201);
        }

        using var again = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask("over again"));
        await again.AssertStatusAsync(429);
    }

    [Fact]
    public async Task PUTs_are_limited_to_50_per_second()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        Assert.All(await BurstAsync(3, i => sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask($"n{i}"))), s => Assert.Equal(201, s));

        // Spread over three issues so that the per-issue limit (20 per 2 s) is not what stops them.
        var statuses = await BurstAsync(51, i => sim.ApiAsync(HttpMethod.Put, $"issue/OPS-{(i % 3) + 1}/properties/p{i}", tokens.AccessToken, new { n = i }));

        Assert.Equal(Enumerable.Repeat(201, 50).Append(429), statuses);
        Assert.Equal(1, (await sim.Host.Admin.GetStatsAsync(Ct)).Throttled["jira-burst-based"]);
    }

    [Fact]
    public async Task The_429_carries_Jira_s_headers_and_the_bucket_refills_on_the_clock()
    {
        // A bucket of 3 (6 s of 0.5/s).
        await using var sim = await TestSimulator.StartAsync(o => o.BurstLimits = new BurstRates { PostPerSecond = 0.5, BucketSeconds = 6 });
        var tokens = await sim.ConnectAsync();
        Assert.All(await BurstAsync(3, i => sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask($"n{i}"))), s => Assert.Equal(201, s));

        using var limited = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask("over"));
        await limited.AssertBodyAsync(429, """{"errorMessages":["Rate limit exceeded."],"errors":{}}""");
        Assert.Equal("2", Header(limited, "Retry-After"));
        Assert.Equal("jira-burst-based", Header(limited, "RateLimit-Reason"));
        Assert.Equal("3", Header(limited, "X-RateLimit-Limit"));
        Assert.Equal("0", Header(limited, "X-RateLimit-Remaining"));
        Assert.Equal("2026-03-02T10:01Z", Header(limited, "X-RateLimit-Reset"));
        Assert.Equal(3, sim.Host.State.Issues.Count);

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
    public async Task A_site_can_have_limits_of_its_own_from_the_options()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.SiteBurstLimits[DefaultSeed.Acme] = new BurstRateOverrides { PostPerSecond = 20 });
        var tokens = await sim.ConnectAsync();

        Assert.Equal(Enumerable.Repeat(201, 20).Append(429), await BurstAsync(21, i => sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask($"n{i}"))));
        Assert.All(await BurstAsync(21, i => sim.CreateIssueAsync(tokens.AccessToken, LabTask($"n{i}"), DefaultSeed.AcmeLabs)), s => Assert.Equal(201, s));

        // The site's other rates are the global ones.
        var config = await sim.Host.Admin.GetConfigAsync(Ct);
        Assert.Equal(new BurstRateOverrides { PostPerSecond = 20 }, config.SiteBurstLimits![DefaultSeed.Acme]);
        Assert.Equal(100, sim.Host.State.Settings.BurstRatesFor(DefaultSeed.Acme).GetPerSecond);
    }

    [Fact]
    public async Task Limits_change_at_runtime_per_site_and_globally_and_can_be_turned_off()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        await sim.Host.Admin.UpdateConfigAsync(
            new SimulatorConfig { SiteBurstLimits = new Dictionary<string, BurstRateOverrides?> { [DefaultSeed.AcmeLabs] = new() { PostPerSecond = 2 } } }, Ct);
        Assert.Equal([201, 201, 429], await BurstAsync(3, i => sim.CreateIssueAsync(tokens.AccessToken, LabTask($"n{i}"), DefaultSeed.AcmeLabs)));

        await sim.Host.Admin.UpdateConfigAsync(new SimulatorConfig { BurstLimits = new BurstRateOverrides { PostPerSecond = 1 } }, Ct);
        Assert.Equal([201, 429], await BurstAsync(2, i => sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask($"n{i}"))));

        await sim.Host.Admin.UpdateConfigAsync(new SimulatorConfig { BurstLimitsEnabled = false }, Ct);
        Assert.All(await BurstAsync(5, i => sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask($"off{i}"))), s => Assert.Equal(201, s));

        // A null entry removes a site's overrides.
        var config = await sim.Host.Admin.UpdateConfigAsync(
            new SimulatorConfig { SiteBurstLimits = new Dictionary<string, BurstRateOverrides?> { [DefaultSeed.AcmeLabs] = null } }, Ct);
        Assert.Empty(config.SiteBurstLimits!);
        Assert.Equal(1, config.BurstLimits!.PostPerSecond);
        Assert.Equal(50, config.BurstLimits.PutPerSecond);
        Assert.False(config.BurstLimitsEnabled);
    }

    [Fact]
    public async Task Bad_burst_settings_are_refused_readably()
    {
        await using var sim = await TestSimulator.StartAsync();
        var zero = await Assert.ThrowsAsync<HttpRequestException>(() =>
            sim.Host.Admin.UpdateConfigAsync(new SimulatorConfig { BurstLimits = new BurstRateOverrides { PutPerSecond = 0 } }, Ct));
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Contains("BurstLimits.PutPerSecond must be a positive number of requests per second.", zero.Message, StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<HttpRequestException>(() => sim.Host.Admin.UpdateConfigAsync(
            new SimulatorConfig { SiteBurstLimits = new Dictionary<string, BurstRateOverrides?> { ["no-such-site"] = new() { PostPerSecond = 5 } } }, Ct));
        Assert.Contains("SiteBurstLimits names cloud id 'no-such-site', which is not a site of the seed.", unknown.Message, StringComparison.Ordinal);

        var tooSmall = await Assert.ThrowsAsync<HttpRequestException>(() => sim.Host.Admin.UpdateConfigAsync(
            new SimulatorConfig { SiteBurstLimits = new Dictionary<string, BurstRateOverrides?> { [DefaultSeed.Acme] = new() { BucketSeconds = 0.001 } } }, Ct));
        Assert.Contains($"SiteBurstLimits[{DefaultSeed.Acme}]: GetPerSecond × BucketSeconds must be at least 1", tooSmall.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            TestSimulator.StartAsync(o => o.BurstLimits = new BurstRates { PostPerSecond = double.NaN }));
    }

    [Fact]
    public async Task Writes_to_one_issue_are_limited_to_20_per_2_seconds_and_100_per_30_seconds()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        Assert.All(await BurstAsync(2, i => sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask($"n{i}"))), s => Assert.Equal(201, s));
        Task<HttpResponseMessage> Write(string issue, int n) =>
            sim.ApiAsync(HttpMethod.Put, $"issue/{issue}/properties/issuesync.state", tokens.AccessToken, new { n });

        Assert.Equal([201, .. Enumerable.Repeat(200, 19)], await BurstAsync(20, i => Write("OPS-1", i)));
        using (var limited = await Write("OPS-1", 20))
        {
            await limited.AssertBodyAsync(429, """{"errorMessages":["Rate limit exceeded."],"errors":{}}""");
            Assert.Equal("jira-per-issue-on-write", Header(limited, "RateLimit-Reason"));
            Assert.Equal("2", Header(limited, "Retry-After"));
            Assert.Equal("20", Header(limited, "X-RateLimit-Limit"));
            Assert.Equal("0", Header(limited, "X-RateLimit-Remaining"));
        }

        // Another issue is not affected; the refused write was not stored.
        using (var other = await Write("OPS-2", 0))
        {
            await other.AssertStatusAsync(201);
        }

        Assert.Equal(19, sim.Host.State.Issues.Find(DefaultSeed.Acme, "OPS-1")!.Properties["issuesync.state"].GetProperty("n").GetInt32());

        // 20 more every 2 seconds (admin clock) until 100 in 8 seconds; the next one waits until the first write is 30 s old.
        for (var step = 1; step < 5; step++)
        {
            await sim.Host.Admin.AdvanceClockAsync(TimeSpan.FromSeconds(2), Ct);
            Assert.All(await BurstAsync(20, i => Write("OPS-1", i)), s => Assert.Equal(200, s));
        }

        await sim.Host.Admin.AdvanceClockAsync(TimeSpan.FromSeconds(2), Ct);
        using (var hundred = await Write("OPS-1", 100))
        {
            await hundred.AssertStatusAsync(429);
            Assert.Equal("jira-per-issue-on-write", Header(hundred, "RateLimit-Reason"));
            Assert.Equal("20", Header(hundred, "Retry-After"));
            Assert.Equal("100", Header(hundred, "X-RateLimit-Limit"));
        }

        await sim.Host.Admin.AdvanceClockAsync(TimeSpan.FromSeconds(20), Ct);
        using var later = await Write("OPS-1", 101);
        await later.AssertStatusAsync(200);
        Assert.Equal(2, (await sim.Host.Admin.GetStatsAsync(Ct)).Throttled["jira-per-issue-on-write"]);
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
}
