using System.Diagnostics;
using IssueSync.JiraSimulator.Faults;
using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Api;

public sealed class FaultInjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lost_response_504_creates_the_issue_anyway()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        await sim.Host.Admin.SetFaultsAsync(new FaultSettings { LostResponseNextCount = 1 }, Ct);

        using var response = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask("lost", "issuesync-lost"));
        await response.AssertBodyAsync(504, """{"code":504,"message":"Gateway Timeout"}""");

        var issue = Assert.Single(await sim.Host.Admin.GetIssuesAsync(ct: Ct));
        Assert.Equal("OPS-1", issue.Key);
        sim.Time.Advance(TimeSpan.FromSeconds(2));
        using var search = await sim.SearchAsync(tokens.AccessToken, new { jql = "project = OPS AND labels = \"issuesync-lost\"" });
        await search.AssertBodyAsync(200, """{"issues":[{"id":"10000"}],"isLast":true}""");

        // Only the next one was lost.
        using var next = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask("fine"));
        await next.AssertStatusAsync(201);
        var stats = await sim.Host.Admin.GetStatsAsync(Ct);
        Assert.Equal(1, stats.Faults["lost-response"]);
        Assert.Equal(1, stats.Requests["create-issue"]["504"]);
    }

    [Fact]
    public async Task Lost_response_abort_drops_the_connection_after_creating()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        await sim.Host.Admin.SetFaultsAsync(new FaultSettings { LostResponseNextCount = 1, LostResponseMode = LostResponseMode.Abort }, Ct);

        await Assert.ThrowsAsync<HttpRequestException>(() => sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask("dropped")));

        var issue = Assert.Single(sim.Host.State.Issues.All());
        Assert.Equal("dropped", issue.Summary);
        Assert.Equal(1, (await sim.Host.Admin.GetStatsAsync(Ct)).Requests["create-issue"]["aborted"]);
    }

    [Fact]
    public async Task A_5xx_before_create_creates_nothing()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        await sim.Host.Admin.SetFaultsAsync(new FaultSettings { ServerErrorNextCount = 2, ServerErrorStatus = 502 }, Ct);

        for (var i = 0; i < 2; i++)
        {
            using var failed = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask());
            await failed.AssertBodyAsync(502, """{"errorMessages":["Internal server error"],"errors":{}}""");
        }

        Assert.Equal(0, sim.Host.State.Issues.Count);

        // Other endpoints are not targeted by default.
        using (var meta = await sim.GetAsync("issue/createmeta/OPS/issuetypes", tokens.AccessToken))
        {
            await meta.AssertStatusAsync(200);
        }

        using var ok = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask());
        await ok.AssertStatusAsync(201);
    }

    [Fact]
    public async Task A_503_carries_Retry_After()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        await sim.Host.Admin.SetFaultsAsync(new FaultSettings { ServiceUnavailableNextCount = 1, RetryAfterSeconds = 7 }, Ct);

        using var response = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask());
        await response.AssertStatusAsync(503);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal(0, sim.Host.State.Issues.Count);
    }

    [Fact]
    public async Task Faults_can_target_the_token_endpoint_and_a_lost_refresh_is_recovered_inside_the_leeway()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        await sim.Host.Admin.SetFaultsAsync(new FaultSettings { LostResponseNextCount = 1, Endpoints = ["token"] }, Ct);

        using (var lost = await sim.RefreshAsync(tokens.RefreshToken!))
        {
            await lost.AssertStatusAsync(504);
        }

        // The rotation happened; retrying with the same refresh token inside the leeway still works.
        var retried = await sim.RefreshOkAsync(tokens.RefreshToken!);
        using var api = await sim.GetAsync("myself", retried.AccessToken);
        await api.AssertStatusAsync(200);
    }

    [Fact]
    public async Task A_refresh_answer_can_lack_refresh_token_and_the_old_one_gets_a_pair_inside_the_leeway()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        await sim.Host.Admin.SetFaultsAsync(new FaultSettings { OmitRefreshTokenNextCount = 1 }, Ct);

        using (var partial = await sim.RefreshAsync(tokens.RefreshToken!))
        {
            await partial.AssertStatusAsync(200);
            var json = await partial.JsonAsync();
            Assert.Equal(["access_token", "expires_in", "scope", "token_type"], json.EnumerateObject().Select(p => p.Name));
            using var api = await sim.GetAsync("myself", json.GetProperty("access_token").GetString()!);
            await api.AssertStatusAsync(200);
        }

        // The rotation happened (the old token is in its leeway); re-using it gives a full pair.
        var stats = await sim.Host.Admin.GetStatsAsync(Ct);
        Assert.Equal(1, stats.Faults["omitted-refresh-token"]);
        Assert.Equal(2, (await sim.Host.Admin.GetMintedTokensAsync(Ct)).RefreshTokens.Count);
        sim.Time.Advance(TimeSpan.FromMinutes(9));
        var pair = await sim.RefreshOkAsync(tokens.RefreshToken!);
        Assert.NotNull(pair.RefreshToken);
        Assert.Equal(0, (await sim.Host.Admin.GetFaultsAsync(Ct)).OmitRefreshTokenNextCount);

        // A client that kept the old token past the leeway loses the family.
        sim.Time.Advance(TimeSpan.FromMinutes(1));
        using var late = await sim.RefreshAsync(tokens.RefreshToken!);
        await late.AssertBodyAsync(403, HttpAssertions.InvalidGrant);
    }

    [Fact]
    public async Task Omitting_refresh_tokens_touches_only_refresh_answers()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.Faults = new FaultSettings { OmitRefreshTokenProbability = 1 });
        var consented = await sim.ConnectAsync();
        Assert.NotNull(consented.RefreshToken);
        var refreshed = await sim.RefreshOkAsync(consented.RefreshToken!);
        Assert.Null(refreshed.RefreshToken);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => sim.Host.Admin.SetFaultsAsync(new FaultSettings { OmitRefreshTokenProbability = 1.5 }, Ct));
        Assert.Contains("OmitRefreshTokenProbability must be between 0 and 1.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_answer_to_a_code_exchange_still_uses_the_code()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Host.Admin.SetFaultsAsync(new FaultSettings { LostResponseNextCount = 1, Endpoints = ["token"] }, Ct);
        var code = await sim.AuthorizeAsync();
        using (var lost = await sim.ExchangeAsync(code))
        {
            await lost.AssertBodyAsync(504, """{"code":504,"message":"Gateway Timeout"}""");
        }

        using var again = await sim.ExchangeAsync(code);
        await again.AssertBodyAsync(403, """{"error":"invalid_grant","error_description":"Invalid authorization code"}""");
        Assert.Single((await sim.Host.Admin.GetMintedTokensAsync(Ct)).AccessTokens);
    }

    [Fact]
    public async Task Probabilistic_faults_are_deterministic_for_a_seed()
    {
        async Task<string> RunAsync()
        {
            await using var sim = await TestSimulator.StartAsync(o => o.Faults = new FaultSettings { Seed = 42, ServerErrorProbability = 0.5 });
            var tokens = await sim.ConnectAsync();
            var outcomes = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                using var response = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask($"n{i}"));
                outcomes.Add((int)response.StatusCode);
            }

            Assert.Contains(500, outcomes);
            Assert.Contains(201, outcomes);
            return string.Join(",", outcomes);
        }

        Assert.Equal(await RunAsync(), await RunAsync());
    }

    [Fact]
    public async Task Latency_is_added_to_targeted_endpoints()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        await sim.Host.Admin.SetFaultsAsync(new FaultSettings { LatencyMs = 300, LatencyEndpoints = ["myself"] }, Ct);

        var watch = Stopwatch.StartNew();
        using (var slow = await sim.GetAsync("myself", tokens.AccessToken))
        {
            await slow.AssertStatusAsync(200);
        }

        Assert.True(watch.ElapsedMilliseconds >= 290, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Invalid_fault_settings_are_refused()
    {
        await using var sim = await TestSimulator.StartAsync();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => sim.Host.Admin.SetFaultsAsync(new FaultSettings { ServerErrorProbability = 2 }, Ct));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("ServerErrorProbability must be between 0 and 1.", error.Message, StringComparison.Ordinal);
    }
}
