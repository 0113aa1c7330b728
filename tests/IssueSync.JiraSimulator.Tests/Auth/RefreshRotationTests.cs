using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Auth;

/// <summary>Rotating refresh tokens, docs/atlassian-api.md §1.4.</summary>
public sealed class RefreshRotationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TestSimulator> StartAsync() =>
        TestSimulator.StartAsync(o => o.RefreshTokenLeeway = TimeSpan.FromMinutes(2));

    [Fact]
    public async Task Each_refresh_returns_a_new_pair_and_the_new_tokens_work()
    {
        await using var sim = await StartAsync();
        var first = await sim.ConnectAsync();
        var second = await sim.RefreshOkAsync(first.RefreshToken!);

        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotNull(second.RefreshToken);
        using var me = await sim.GetAsync("myself", second.AccessToken);
        await me.AssertStatusAsync(200);
        Assert.Equal(1, (await sim.Host.Admin.GetStatsAsync(Ct)).Refreshes);
    }

    [Fact]
    public async Task Old_access_token_works_during_the_leeway_and_is_revoked_after_it()
    {
        await using var sim = await StartAsync();
        var first = await sim.ConnectAsync();
        var second = await sim.RefreshOkAsync(first.RefreshToken!);

        sim.Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        using (var during = await sim.GetAsync("myself", first.AccessToken))
        {
            await during.AssertStatusAsync(200);
        }

        sim.Time.Advance(TimeSpan.FromSeconds(1));
        using (var after = await sim.GetAsync("myself", first.AccessToken))
        {
            await after.AssertBodyAsync(401, HttpAssertions.Unauthorized);
        }

        using var current = await sim.GetAsync("myself", second.AccessToken);
        await current.AssertStatusAsync(200);
    }

    [Fact]
    public async Task Reusing_the_old_refresh_token_inside_the_leeway_returns_another_fresh_pair()
    {
        await using var sim = await StartAsync();
        var first = await sim.ConnectAsync();
        var second = await sim.RefreshOkAsync(first.RefreshToken!);
        sim.Time.Advance(TimeSpan.FromMinutes(1));

        var retry = await sim.RefreshOkAsync(first.RefreshToken!);

        Assert.NotEqual(second.RefreshToken, retry.RefreshToken);
        Assert.NotEqual(second.AccessToken, retry.AccessToken);

        // Both successors are live; the family is intact.
        var fromSecond = await sim.RefreshOkAsync(second.RefreshToken!);
        var fromRetry = await sim.RefreshOkAsync(retry.RefreshToken!);
        Assert.NotEqual(fromSecond.AccessToken, fromRetry.AccessToken);
        Assert.Equal(0, (await sim.Host.Admin.GetStatsAsync(Ct)).RevokedFamilies);
    }

    [Fact]
    public async Task Reuse_after_the_leeway_revokes_the_whole_family()
    {
        await using var sim = await StartAsync();
        var first = await sim.ConnectAsync();
        var second = await sim.RefreshOkAsync(first.RefreshToken!);
        var other = await sim.ConnectAsync();
        sim.Time.Advance(TimeSpan.FromMinutes(2));

        using (var reuse = await sim.RefreshAsync(first.RefreshToken!))
        {
            await reuse.AssertBodyAsync(403, HttpAssertions.InvalidGrant);
        }

        // The latest refresh token and access token of that family are dead too.
        using (var latest = await sim.RefreshAsync(second.RefreshToken!))
        {
            await latest.AssertBodyAsync(403, HttpAssertions.InvalidGrant);
        }

        using (var api = await sim.GetAsync("myself", second.AccessToken))
        {
            await api.AssertBodyAsync(401, HttpAssertions.Unauthorized);
        }

        // Another consent (another family) is unaffected.
        using (var unaffected = await sim.GetAsync("myself", other.AccessToken))
        {
            await unaffected.AssertStatusAsync(200);
        }

        await sim.RefreshOkAsync(other.RefreshToken!);
        var stats = await sim.Host.Admin.GetStatsAsync(Ct);
        Assert.Equal(1, stats.RevokedFamilies);
        Assert.Equal(2, stats.InvalidGrants);
    }

    [Fact]
    public async Task Unknown_refresh_token_is_403_invalid_grant()
    {
        await using var sim = await StartAsync();
        using var response = await sim.RefreshAsync("not-a-token");
        await response.AssertBodyAsync(403, HttpAssertions.InvalidGrant);
    }

    [Fact]
    public async Task Refresh_token_expires_after_90_days_of_inactivity()
    {
        await using var sim = await StartAsync();
        var tokens = await sim.ConnectAsync();
        sim.Time.Advance(TimeSpan.FromDays(89));
        var refreshed = await sim.RefreshOkAsync(tokens.RefreshToken!);
        sim.Time.Advance(TimeSpan.FromDays(90));
        using var response = await sim.RefreshAsync(refreshed.RefreshToken!);
        await response.AssertBodyAsync(403, HttpAssertions.InvalidGrant);
    }

    [Fact]
    public async Task Revoking_a_user_gives_invalid_grant_until_they_consent_again()
    {
        await using var sim = await StartAsync();
        var tokens = await sim.ConnectAsync();
        Assert.Equal(1, await sim.Host.Admin.RevokeUserAsync(DefaultSeed.AccountId, Ct));

        using (var refresh = await sim.RefreshAsync(tokens.RefreshToken!))
        {
            await refresh.AssertBodyAsync(403, HttpAssertions.InvalidGrant);
        }

        using (var api = await sim.GetAsync("myself", tokens.AccessToken))
        {
            await api.AssertBodyAsync(401, HttpAssertions.Unauthorized);
        }

        var again = await sim.ConnectAsync();
        using var ok = await sim.GetAsync("myself", again.AccessToken);
        await ok.AssertStatusAsync(200);
    }

    [Fact]
    public async Task Refresh_with_wrong_client_credentials_is_401()
    {
        await using var sim = await StartAsync();
        var tokens = await sim.ConnectAsync();
        using var response = await sim.TokenAsync(new { grant_type = "refresh_token", client_id = DefaultSeed.ClientId, client_secret = "x", refresh_token = tokens.RefreshToken });
        await response.AssertBodyAsync(401, """{"error":"access_denied","error_description":"Unauthorized"}""");
    }
}
