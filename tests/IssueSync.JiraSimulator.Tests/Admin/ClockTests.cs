using System.Net;
using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Admin;

/// <summary>The controlled clock (<c>/_simulator/clock</c>): every time-based behaviour follows it.</summary>
public sealed class ClockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_offset_applies_on_top_of_the_injected_time_provider()
    {
        await using var sim = await TestSimulator.StartAsync();
        var start = await sim.Host.Admin.GetClockAsync(Ct);
        Assert.Equal(TestSimulator.Start, start.Now);
        Assert.Equal(0, start.OffsetSeconds);

        var advanced = await sim.Host.Admin.AdvanceClockAsync(TimeSpan.FromSeconds(90), Ct);
        Assert.Equal(TestSimulator.Start.AddSeconds(90), advanced.Now);
        Assert.Equal(90, advanced.OffsetSeconds);

        sim.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TestSimulator.Start.AddSeconds(100), (await sim.Host.Admin.GetClockAsync(Ct)).Now);

        var set = await sim.Host.Admin.SetClockOffsetAsync(TimeSpan.FromSeconds(-5), Ct);
        Assert.Equal(TestSimulator.Start.AddSeconds(5), set.Now);
        Assert.Equal(-5, set.OffsetSeconds);

        await sim.Host.Admin.ResetAsync(Ct);
        Assert.Equal(0, (await sim.Host.Admin.GetClockAsync(Ct)).OffsetSeconds);
    }

    [Fact]
    public async Task Bad_clock_requests_are_refused_readably()
    {
        await using var sim = await TestSimulator.StartAsync();
        using (var backwards = await sim.Http.PostAsync("_simulator/clock/advance", Json("""{"seconds":-1}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
            Assert.Contains("only moves forward", await backwards.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var missing = await sim.Http.PutAsync("_simulator/clock", Json("{}"), Ct))
        {
            await missing.AssertBodyAsync(400, """{"errors":["'offsetSeconds' must be a number of seconds (at most 100 years either way)."]}""");
        }

        Assert.Equal(0, (await sim.Host.Admin.GetClockAsync(Ct)).OffsetSeconds);
    }

    [Fact]
    public async Task Access_tokens_expire_and_rotated_tokens_die_after_the_leeway_on_the_admin_clock()
    {
        await using var sim = await TestSimulator.StartAsync();
        var first = await sim.ConnectAsync();
        await sim.Host.Admin.AdvanceClockAsync(TimeSpan.FromSeconds(3599), Ct);
        using (var alive = await sim.GetAsync("myself", first.AccessToken))
        {
            await alive.AssertStatusAsync(200);
        }

        var second = await sim.RefreshOkAsync(first.RefreshToken!);
        await sim.Host.Admin.AdvanceClockAsync(TimeSpan.FromSeconds(1), Ct);
        using (var expired = await sim.GetAsync("myself", first.AccessToken))
        {
            await expired.AssertBodyAsync(401, HttpAssertions.Unauthorized);
        }

        // Reuse of the rotated refresh token after the 10-minute leeway revokes the family.
        await sim.Host.Admin.AdvanceClockAsync(TimeSpan.FromMinutes(10), Ct);
        using (var reuse = await sim.RefreshAsync(first.RefreshToken!))
        {
            await reuse.AssertBodyAsync(403, HttpAssertions.InvalidGrant);
        }

        using var revoked = await sim.RefreshAsync(second.RefreshToken!);
        await revoked.AssertBodyAsync(403, HttpAssertions.InvalidGrant);
    }

    [Fact]
    public async Task Authorization_codes_expire_on_the_admin_clock()
    {
        await using var sim = await TestSimulator.StartAsync();
        var code = await sim.AuthorizeAsync();
        await sim.Host.Admin.AdvanceClockAsync(TimeSpan.FromMinutes(5), Ct);
        using var response = await sim.ExchangeAsync(code);
        await response.AssertBodyAsync(403, """{"error":"invalid_grant","error_description":"Invalid authorization code"}""");
    }

    [Fact]
    public async Task The_search_index_delay_runs_on_the_admin_clock()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.SearchIndexDelay = TimeSpan.FromSeconds(30));
        var tokens = await sim.ConnectAsync();
        using (var created = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask("indexed later", "clock-1")))
        {
            await created.AssertStatusAsync(201);
        }

        var query = new { jql = "project = OPS AND labels = clock-1" };
        await sim.Host.Admin.AdvanceClockAsync(TimeSpan.FromSeconds(29), Ct);
        using (var early = await sim.SearchAsync(tokens.AccessToken, query))
        {
            await early.AssertBodyAsync(200, """{"issues":[],"isLast":true}""");
        }

        await sim.Host.Admin.AdvanceClockAsync(TimeSpan.FromSeconds(1), Ct);
        using var found = await sim.SearchAsync(tokens.AccessToken, query);
        await found.AssertBodyAsync(200, """{"issues":[{"id":"10000"}],"isLast":true}""");
    }

    [Fact]
    public async Task Quota_windows_follow_the_admin_clock()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.GlobalQuotaPoints = 2);
        var tokens = await sim.ConnectAsync();
        for (var i = 0; i < 2; i++)
        {
            using var ok = await sim.GetAsync("myself", tokens.AccessToken);
            await ok.AssertStatusAsync(200);
        }

        using (var limited = await sim.GetAsync("myself", tokens.AccessToken))
        {
            await limited.AssertStatusAsync(429);
        }

        // 10:00:30 + 59 min 30 s = 11:00:00, the next window.
        await sim.Host.Admin.AdvanceClockAsync(TimeSpan.FromMinutes(59.5), Ct);
        using var next = await sim.GetAsync("myself", tokens.AccessToken);
        await next.AssertStatusAsync(200);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
