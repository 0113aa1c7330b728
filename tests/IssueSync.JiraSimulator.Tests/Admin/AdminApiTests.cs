using System.Net;
using IssueSync.JiraSimulator.Admin;
using IssueSync.JiraSimulator.Seed;
using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Admin;

public sealed class AdminApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Issues_duplicates_and_stats()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        foreach (var summary in new[] { "same", "same", "other", "same" })
        {
            using var r = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask(summary, "l1"));
            await r.AssertStatusAsync(201);
        }

        using (var bad = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask("")))
        {
            await bad.AssertStatusAsync(400);
        }

        var issues = await sim.Host.Admin.GetIssuesAsync(ct: Ct);
        Assert.Equal(["OPS-1", "OPS-2", "OPS-3", "OPS-4"], issues.Select(i => i.Key));
        Assert.All(issues, i =>
        {
            Assert.Equal(DefaultSeed.Acme, i.CloudId);
            Assert.Equal("OPS", i.ProjectKey);
            Assert.Equal(["l1"], i.Labels);
            Assert.Equal(TestSimulator.Start, i.CreatedAt);
            Assert.Equal("OPS", i.SubmittedFields.GetProperty("project").GetProperty("key").GetString());
        });
        Assert.Empty(await sim.Host.Admin.GetIssuesAsync(projectKey: "TEAM", ct: Ct));

        var duplicate = Assert.Single(await sim.Host.Admin.GetDuplicatesAsync(Ct));
        Assert.Equal((DefaultSeed.Acme, "OPS", "same", 3), (duplicate.CloudId, duplicate.ProjectKey, duplicate.Summary, duplicate.Count));
        Assert.Equal(["OPS-1", "OPS-2", "OPS-4"], duplicate.Keys);

        var stats = await sim.Host.Admin.GetStatsAsync(Ct);
        Assert.Equal(4, stats.IssuesCreated);
        Assert.Equal(1, stats.CodeExchanges);
        Assert.Equal(1, stats.AuthorizationsGranted);
        Assert.Equal(4, stats.Requests["create-issue"]["201"]);
        Assert.Equal(1, stats.Requests["create-issue"]["400"]);
        Assert.Equal(1, stats.Requests["token"]["200"]);
        Assert.Equal(1, stats.Requests["authorize"]["302"]);
    }

    [Fact]
    public async Task Reset_drops_issues_tokens_stats_and_runtime_changes()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using (var r = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask()))
        {
            await r.AssertStatusAsync(201);
        }

        await sim.Host.Admin.UpdateConfigAsync(new SimulatorConfig { CreateMetaMaxPageSize = 2 }, Ct);
        await sim.Host.Admin.SetFaultsAsync(new Faults.FaultSettings { ServerErrorNextCount = 5 }, Ct);

        await sim.Host.Admin.ResetAsync(Ct);

        Assert.Empty(await sim.Host.Admin.GetIssuesAsync(ct: Ct));
        Assert.Equal(0, (await sim.Host.Admin.GetStatsAsync(Ct)).IssuesCreated);
        Assert.Equal(50, (await sim.Host.Admin.GetConfigAsync(Ct)).CreateMetaMaxPageSize);
        Assert.Equal(0, (await sim.Host.Admin.GetFaultsAsync(Ct)).ServerErrorNextCount);
        using var api = await sim.GetAsync("myself", tokens.AccessToken);
        await api.AssertBodyAsync(401, HttpAssertions.Unauthorized);

        var again = await sim.ConnectAsync();
        using var created = await sim.CreateIssueAsync(again.AccessToken, TestSimulator.OpsTask());
        Assert.Equal("OPS-1", (await created.JsonAsync()).GetProperty("key").GetString());
    }

    [Fact]
    public async Task Config_changes_apply_at_runtime_and_bad_values_are_refused()
    {
        await using var sim = await TestSimulator.StartAsync();
        var config = await sim.Host.Admin.UpdateConfigAsync(new SimulatorConfig { AccessTokenLifetimeSeconds = 120, RefreshTokenLeewaySeconds = 30 }, Ct);
        Assert.Equal(120, config.AccessTokenLifetimeSeconds);
        Assert.Equal(30, config.RefreshTokenLeewaySeconds);
        Assert.Equal(50, config.CreateMetaMaxPageSize);
        var tokens = await sim.ConnectAsync();
        Assert.Equal(120, tokens.ExpiresIn);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => sim.Host.Admin.UpdateConfigAsync(new SimulatorConfig { CreateMetaMaxPageSize = 500 }, Ct));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task Faults_round_trip()
    {
        await using var sim = await TestSimulator.StartAsync();
        var set = await sim.Host.Admin.SetFaultsAsync(new Faults.FaultSettings { Seed = 7, LatencyMs = 5, LatencyJitterMs = 3, ServiceUnavailableProbability = 0.25, Endpoints = ["*"] }, Ct);
        var read = await sim.Host.Admin.GetFaultsAsync(Ct);
        Assert.Equal(7, read.Seed);
        Assert.Equal(0.25, read.ServiceUnavailableProbability);
        Assert.Equal(["*"], read.Endpoints);
        Assert.Equal(set.LatencyJitterMs, read.LatencyJitterMs);
    }

    [Fact]
    public async Task Seed_is_served_and_users_can_be_added()
    {
        await using var sim = await TestSimulator.StartAsync();
        var seed = await sim.Host.Admin.GetSeedAsync(Ct);
        Assert.Equal(DefaultSeed.ClientId, seed.App.ClientId);
        Assert.Equal([DefaultSeed.Acme, DefaultSeed.AcmeLabs], seed.Sites.Select(s => s.CloudId));

        await sim.Host.Admin.AddUserAsync(new SeedUser { AccountId = "bench-user-1", DisplayName = "Bench 1", Sites = [DefaultSeed.Acme] }, Ct);
        var tokens = await sim.Host.Admin.IssueTokensAsync("bench-user-1", ct: Ct);
        Assert.NotNull(tokens.RefreshToken);
        using var me = await sim.GetAsync("myself", tokens.AccessToken);
        Assert.Equal("bench-user-1", (await me.JsonAsync()).GetProperty("accountId").GetString());

        var viaConsent = await sim.ConnectAsync(loginHint: "bench-user-1");
        using var labs = await sim.GetAsync("myself", viaConsent.AccessToken, DefaultSeed.AcmeLabs);
        await labs.AssertStatusAsync(404);
    }

    [Fact]
    public async Task Every_minted_token_is_listed_until_the_next_reset()
    {
        await using var sim = await TestSimulator.StartAsync();
        var consented = await sim.ConnectAsync();
        var refreshed = await sim.RefreshOkAsync(consented.RefreshToken!);
        await sim.Host.Admin.SetFaultsAsync(new Faults.FaultSettings { LostResponseNextCount = 1, Endpoints = ["token"] }, Ct);
        using (var lost = await sim.RefreshAsync(refreshed.RefreshToken!))
        {
            await lost.AssertStatusAsync(504);
        }

        var direct = await sim.Host.Admin.IssueTokensAsync(DefaultSeed.AccountId, "read:jira-work", Ct);

        var minted = await sim.Host.Admin.GetMintedTokensAsync(Ct);
        Assert.Equal(4, minted.AccessTokens.Count);
        Assert.Equal([consented.AccessToken, refreshed.AccessToken], minted.AccessTokens.Take(2));
        Assert.Equal(direct.AccessToken, minted.AccessTokens[3]);

        // The pair in the lost answer is there too; the direct pair without offline_access has no refresh token.
        Assert.Equal(3, minted.RefreshTokens.Count);
        Assert.Equal([consented.RefreshToken, refreshed.RefreshToken], minted.RefreshTokens.Take(2));
        Assert.DoesNotContain(minted.RefreshTokens[2], new[] { consented.RefreshToken, refreshed.RefreshToken });

        using (var raw = await sim.Http.GetAsync("_simulator/tokens", Ct))
        {
            var json = await raw.JsonAsync();
            Assert.Equal(["accessTokens", "refreshTokens"], json.EnumerateObject().Select(p => p.Name));
        }

        await sim.Host.Admin.ResetAsync(Ct);
        var afterReset = await sim.Host.Admin.GetMintedTokensAsync(Ct);
        Assert.Empty(afterReset.AccessTokens);
        Assert.Empty(afterReset.RefreshTokens);
    }

    [Fact]
    public async Task Admin_key_is_enforced_when_configured()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.AdminApiKey = "s3cret");

        using (var none = await sim.Http.GetAsync("_simulator/stats", Ct))
        {
            await none.AssertBodyAsync(401, """{"error":"Missing or wrong X-Simulator-Admin-Key header."}""");
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Post, "_simulator/reset"))
        {
            wrong.Headers.Add("X-Simulator-Admin-Key", "nope");
            using var response = await sim.Http.SendAsync(wrong, Ct);
            Assert.Equal(401, (int)response.StatusCode);
        }

        // The host's admin client carries the key.
        Assert.Equal(0, (await sim.Host.Admin.GetStatsAsync(Ct)).IssuesCreated);

        using var health = await sim.Http.GetAsync("_simulator/health", Ct);
        await health.AssertBodyAsync(200, """{"status":"ok"}""");
    }

    [Fact]
    public async Task Admin_endpoints_are_open_without_a_key()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var response = await sim.Http.GetAsync("_simulator/stats", Ct);
        await response.AssertStatusAsync(200);
    }

    [Fact]
    public async Task The_admin_client_works_against_a_standalone_url()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Host.BaseUrl };
        var client = new JiraSimulatorAdminClient(http);
        Assert.Empty(await client.GetDuplicatesAsync(Ct));
    }
}
