using System.Net.Http.Headers;
using IssueSync.JiraSimulator.Seed;
using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Api;

/// <summary>The API gateway: bearer tokens, trailing slashes, cloud ids, accessible-resources (docs/atlassian-api.md §1.6, §2).</summary>
public sealed class GatewayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accessible_resources_lists_both_sites_of_the_user()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "oauth/token/accessible-resources");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var response = await sim.Http.SendAsync(request, Ct);

        await response.AssertBodyAsync(200, $$"""
            [
              {"id":"{{DefaultSeed.Acme}}","name":"acme","url":"https://acme.atlassian.net",
               "scopes":["read:jira-work","write:jira-work","read:jira-user"],
               "avatarUrl":"https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png"},
              {"id":"{{DefaultSeed.AcmeLabs}}","name":"acme-labs","url":"https://acme-labs.atlassian.net",
               "scopes":["read:jira-work","write:jira-work","read:jira-user"],
               "avatarUrl":"https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/lightbulb.png"}
            ]
            """);
    }

    [Fact]
    public async Task Me_names_the_account_that_consented_and_needs_read_me()
    {
        await using var sim = await TestSimulator.StartAsync();
        var limited = await sim.ConnectAsync(DefaultSeed.Scopes + " read:me", loginHint: DefaultSeed.LimitedAccountId);
        using var request = new HttpRequestMessage(HttpMethod.Get, "me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", limited.AccessToken);
        using var response = await sim.Http.SendAsync(request, Ct);
        var me = await response.JsonAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(DefaultSeed.LimitedAccountId, me.GetProperty("account_id").GetString());
        Assert.Equal("Limited User", me.GetProperty("name").GetString());
        Assert.Equal("limited.user@example.com", me.GetProperty("email").GetString());

        var withoutScope = await sim.ConnectAsync(DefaultSeed.Scopes);
        using var refused = new HttpRequestMessage(HttpMethod.Get, "me");
        refused.Headers.Authorization = new AuthenticationHeaderValue("Bearer", withoutScope.AccessToken);
        using var unauthorized = await sim.Http.SendAsync(refused, Ct);
        await unauthorized.AssertBodyAsync(401, HttpAssertions.Unauthorized);
    }

    [Fact]
    public async Task Missing_or_unknown_token_is_401()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var none = await sim.Http.GetAsync($"ex/jira/{DefaultSeed.Acme}/rest/api/3/myself", Ct);
        await none.AssertBodyAsync(401, HttpAssertions.Unauthorized);
        using var unknown = await sim.GetAsync("myself", "garbage");
        await unknown.AssertBodyAsync(401, HttpAssertions.Unauthorized);
    }

    [Fact]
    public async Task Access_token_expires_after_its_lifetime()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.AccessTokenLifetime = TimeSpan.FromMinutes(30));
        var tokens = await sim.ConnectAsync();
        Assert.Equal(1800, tokens.ExpiresIn);
        sim.Time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        using (var ok = await sim.GetAsync("myself", tokens.AccessToken))
        {
            await ok.AssertStatusAsync(200);
        }

        sim.Time.Advance(TimeSpan.FromSeconds(1));
        using var expired = await sim.GetAsync("myself", tokens.AccessToken);
        await expired.AssertBodyAsync(401, HttpAssertions.Unauthorized);
    }

    [Fact]
    public async Task Admin_can_expire_access_tokens_mid_stream_and_refresh_still_works()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        Assert.Equal(1, await sim.Host.Admin.ExpireAccessTokensAsync(DefaultSeed.AccountId, Ct));

        using (var expired = await sim.GetAsync("myself", tokens.AccessToken))
        {
            await expired.AssertBodyAsync(401, HttpAssertions.Unauthorized);
        }

        var refreshed = await sim.RefreshOkAsync(tokens.RefreshToken!);
        using var ok = await sim.GetAsync("myself", refreshed.AccessToken);
        await ok.AssertStatusAsync(200);
    }

    [Theory]
    [InlineData("myself/")]
    [InlineData("issue/")]
    [InlineData("issue/createmeta/OPS/issuetypes/")]
    [InlineData("search/jql/")]
    public async Task A_trailing_slash_is_401(string path)
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using var get = await sim.GetAsync(path, tokens.AccessToken);
        await get.AssertBodyAsync(401, HttpAssertions.Unauthorized);
        using var post = await sim.ApiAsync(HttpMethod.Post, path, tokens.AccessToken, new { fields = new { } });
        await post.AssertBodyAsync(401, HttpAssertions.Unauthorized);
    }

    [Fact]
    public async Task Trailing_slash_on_accessible_resources_and_unknown_routes_are_401()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "oauth/token/accessible-resources/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var slash = await sim.Http.SendAsync(request, Ct);
        await slash.AssertBodyAsync(401, HttpAssertions.Unauthorized);

        using var unknown = await sim.GetAsync("dashboard", tokens.AccessToken);
        await unknown.AssertBodyAsync(401, HttpAssertions.Unauthorized);
    }

    [Fact]
    public async Task A_cloud_id_outside_the_grant_is_404_by_default_or_401_when_configured()
    {
        var foreign = Guid.NewGuid().ToString();
        await using (var sim = await TestSimulator.StartAsync())
        {
            var tokens = await sim.ConnectAsync();
            using var response = await sim.GetAsync("myself", tokens.AccessToken, foreign);
            await response.AssertBodyAsync(404, """{"code":404,"message":"Not Found"}""");
        }

        await using var strict = await TestSimulator.StartAsync(o => o.UngrantedCloudIdStatus = 401);
        var t = await strict.ConnectAsync();
        using var refused = await strict.GetAsync("myself", t.AccessToken, foreign);
        await refused.AssertBodyAsync(401, HttpAssertions.Unauthorized);
    }

    [Fact]
    public async Task An_existing_site_the_user_does_not_have_is_refused()
    {
        var seed = SeedLoader.LoadDefault();
        seed = seed with
        {
            Users = [.. seed.Users, new SeedUser { AccountId = "other-user", DisplayName = "Other", Sites = [DefaultSeed.AcmeLabs] }],
        };
        await using var sim = await TestSimulator.StartAsync(o => o.Seed = seed);
        var tokens = await sim.ConnectAsync(loginHint: "other-user");
        using var own = await sim.GetAsync("project/LAB", tokens.AccessToken, DefaultSeed.AcmeLabs);
        await own.AssertStatusAsync(200);
        using var foreign = await sim.GetAsync("project/OPS", tokens.AccessToken, DefaultSeed.Acme);
        await foreign.AssertBodyAsync(404, """{"code":404,"message":"Not Found"}""");
    }

    [Fact]
    public async Task A_token_without_the_scope_of_the_endpoint_is_401()
    {
        await using var sim = await TestSimulator.StartAsync();
        var readOnly = await sim.ConnectAsync("read:jira-work offline_access");
        using var create = await sim.CreateIssueAsync(readOnly.AccessToken, TestSimulator.OpsTask());
        await create.AssertBodyAsync(401, HttpAssertions.Unauthorized);
        using var read = await sim.GetAsync("issue/createmeta/OPS/issuetypes", readOnly.AccessToken);
        await read.AssertStatusAsync(200);
        Assert.Equal(0, sim.Host.State.Issues.Count);
    }

    [Fact]
    public async Task Myself_returns_the_user()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using var response = await sim.GetAsync("myself", tokens.AccessToken);
        var json = await response.JsonAsync();
        Assert.Equal(DefaultSeed.AccountId, json.GetProperty("accountId").GetString());
        Assert.Equal("Demo User", json.GetProperty("displayName").GetString());
    }
}
