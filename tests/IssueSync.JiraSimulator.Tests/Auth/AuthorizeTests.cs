using IssueSync.JiraSimulator.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace IssueSync.JiraSimulator.Tests.Auth;

public sealed class AuthorizeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Consent_redirects_to_the_callback_with_a_code_and_the_state()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var response = await sim.Http.GetAsync(TestSimulator.AuthorizeQuery(state: "abc/+="), Ct);

        Assert.Equal(302, (int)response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(DefaultSeed.Redirect + "?", location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("abc/+=", query["state"].ToString());
        Assert.False(string.IsNullOrEmpty(query["code"].ToString()));
    }

    [Fact]
    public async Task Full_flow_gives_Atlassian_token_fields()
    {
        await using var sim = await TestSimulator.StartAsync();
        var code = await sim.AuthorizeAsync();
        using var response = await sim.ExchangeAsync(code);

        await response.AssertStatusAsync(200);
        var json = await response.JsonAsync();
        Assert.Equal(
            ["access_token", "refresh_token", "expires_in", "scope", "token_type"],
            json.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(3600, json.GetProperty("expires_in").GetInt32());
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.Equal(DefaultSeed.Scopes, json.GetProperty("scope").GetString());
        var stats = await sim.Host.Admin.GetStatsAsync(Ct);
        Assert.Equal(1, stats.CodeExchanges);
    }

    [Fact]
    public async Task Without_offline_access_there_is_no_refresh_token()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync("read:jira-work write:jira-work");
        Assert.Null(tokens.RefreshToken);
        Assert.Equal("read:jira-work write:jira-work", tokens.Scope);
    }

    [Fact]
    public async Task Form_encoded_token_requests_are_accepted()
    {
        await using var sim = await TestSimulator.StartAsync();
        var code = await sim.AuthorizeAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = DefaultSeed.ClientId,
            ["client_secret"] = DefaultSeed.ClientSecret,
            ["code"] = code,
            ["redirect_uri"] = DefaultSeed.Redirect,
        });
        using var response = await sim.Http.PostAsync("oauth/token", content, Ct);
        await response.AssertStatusAsync(200);
    }

    [Fact]
    public async Task A_code_is_single_use()
    {
        await using var sim = await TestSimulator.StartAsync();
        var code = await sim.AuthorizeAsync();
        using var first = await sim.ExchangeAsync(code);
        await first.AssertStatusAsync(200);

        using var second = await sim.ExchangeAsync(code);
        await second.AssertBodyAsync(403, """{"error":"invalid_grant","error_description":"Invalid authorization code"}""");
        Assert.Equal(1, (await sim.Host.Admin.GetStatsAsync(Ct)).InvalidGrants);
    }

    [Fact]
    public async Task A_code_expires_after_its_lifetime()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.AuthorizationCodeLifetime = TimeSpan.FromMinutes(5));
        var fresh = await sim.AuthorizeAsync();
        var stale = await sim.AuthorizeAsync();
        sim.Time.Advance(TimeSpan.FromMinutes(4));
        using var ok = await sim.ExchangeAsync(fresh);
        await ok.AssertStatusAsync(200);

        sim.Time.Advance(TimeSpan.FromMinutes(1));
        using var expired = await sim.ExchangeAsync(stale);
        await expired.AssertBodyAsync(403, """{"error":"invalid_grant","error_description":"Invalid authorization code"}""");
    }

    [Fact]
    public async Task The_redirect_uri_of_the_exchange_must_match_the_authorize_request()
    {
        await using var sim = await TestSimulator.StartAsync();
        var code = await sim.AuthorizeAsync();
        using var response = await sim.ExchangeAsync(code, redirect: "http://127.0.0.1:5080/oauth/callback");
        await response.AssertBodyAsync(403, """{"error":"invalid_grant","error_description":"redirect_uri does not match the one used in the authorization request."}""");
    }

    [Fact]
    public async Task Wrong_client_secret_is_401_access_denied()
    {
        await using var sim = await TestSimulator.StartAsync();
        var code = await sim.AuthorizeAsync();
        using var response = await sim.ExchangeAsync(code, secret: "nope");
        await response.AssertBodyAsync(401, """{"error":"access_denied","error_description":"Unauthorized"}""");
    }

    [Fact]
    public async Task Unknown_client_is_an_HTML_error_page_without_redirect()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var response = await sim.Http.GetAsync(TestSimulator.AuthorizeQuery(clientId: "someone-else"), Ct);
        var page = await AssertErrorPageAsync(response);
        Assert.Contains("Unknown client_id.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unregistered_redirect_is_an_HTML_error_page_without_redirect()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var response = await sim.Http.GetAsync(TestSimulator.AuthorizeQuery(redirect: "https://evil.example/cb"), Ct);
        var page = await AssertErrorPageAsync(response);
        Assert.Contains("The redirect_uri is not registered for this app.", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:41999/cb")]
    [InlineData("http://localhost:5081/oauth/callback")]
    [InlineData("http://localhost:5080/oauth/callback/")]
    [InlineData("http://localhost:5080/oauth/callback?x=1")]
    [InlineData("http://LOCALHOST:5080/oauth/callback")]
    public async Task By_default_redirect_uri_must_equal_a_registered_callback_exactly(string redirect)
    {
        await using var sim = await TestSimulator.StartAsync();
        using var response = await sim.Http.GetAsync(TestSimulator.AuthorizeQuery(redirect: redirect), Ct);
        await AssertErrorPageAsync(response);
        Assert.Equal(0, (await sim.Host.Admin.GetStatsAsync(Ct)).AuthorizationsGranted);
    }

    [Fact]
    public async Task The_test_only_relaxation_accepts_any_loopback_http_redirect_when_opted_into()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.TestOnlyAcceptAnyLoopbackRedirect = true);
        var code = await sim.AuthorizeAsync(redirect: "http://127.0.0.1:41999/cb");
        using var exchanged = await sim.ExchangeAsync(code, redirect: "http://127.0.0.1:41999/cb");
        await exchanged.AssertStatusAsync(200);

        using var notLoopback = await sim.Http.GetAsync(TestSimulator.AuthorizeQuery(redirect: "http://192.0.2.1:41999/cb"), Ct);
        await AssertErrorPageAsync(notLoopback);
    }

    [Fact]
    public async Task A_callback_can_be_registered_in_the_options_or_at_runtime_until_reset()
    {
        await using (var configured = await TestSimulator.StartAsync(o => o.RedirectUris.Add("http://127.0.0.1:7001/oauth/callback")))
        {
            Assert.False(string.IsNullOrEmpty(await configured.AuthorizeAsync(redirect: "http://127.0.0.1:7001/oauth/callback")));

            // The option replaces the seed's callbacks.
            using var seedCallback = await configured.Http.GetAsync(TestSimulator.AuthorizeQuery(), Ct);
            await AssertErrorPageAsync(seedCallback);
        }

        await using var sim = await TestSimulator.StartAsync();
        var callbacks = await sim.Host.Admin.AddCallbackAsync("http://127.0.0.1:7002/oauth/callback", Ct);
        Assert.Equal([DefaultSeed.Redirect, "http://127.0.0.1:5080/oauth/callback", "http://127.0.0.1:7002/oauth/callback"], callbacks);
        var code = await sim.AuthorizeAsync(redirect: "http://127.0.0.1:7002/oauth/callback");
        using (var exchanged = await sim.ExchangeAsync(code, redirect: "http://127.0.0.1:7002/oauth/callback"))
        {
            await exchanged.AssertStatusAsync(200);
        }

        using (var otherPort = await sim.Http.GetAsync(TestSimulator.AuthorizeQuery(redirect: "http://127.0.0.1:7003/oauth/callback"), Ct))
        {
            await AssertErrorPageAsync(otherPort);
        }

        await sim.Host.Admin.ResetAsync(Ct);
        using var forgotten = await sim.Http.GetAsync(TestSimulator.AuthorizeQuery(redirect: "http://127.0.0.1:7002/oauth/callback"), Ct);
        await AssertErrorPageAsync(forgotten);
    }

    [Theory]
    [InlineData("/relative/cb")]
    [InlineData("ftp://example.com/cb")]
    [InlineData("https://example.com/cb#fragment")]
    public async Task A_bad_callback_is_refused_readably(string url)
    {
        await using var sim = await TestSimulator.StartAsync();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => sim.Host.Admin.AddCallbackAsync(url, Ct));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains($"The callback '{url}' must be an absolute http or https URL without a fragment.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "code", DefaultSeed.Scopes, "invalid_request", "The state parameter is required.")]
    [InlineData("s1", "token", DefaultSeed.Scopes, "unsupported_response_type", "response_type must be 'code'.")]
    [InlineData("s1", "code", "", "invalid_scope", "The scope parameter is required.")]
    [InlineData("s1", "code", "read:jira-work manage:jira-configuration", "invalid_scope", "Scope(s) not added to the app: manage:jira-configuration.")]
    public async Task Errors_with_a_valid_redirect_go_back_to_the_callback(string? state, string responseType, string scope, string error, string description)
    {
        await using var sim = await TestSimulator.StartAsync();
        using var response = await sim.Http.GetAsync(TestSimulator.AuthorizeQuery(state: state, responseType: responseType, scope: scope), Ct);

        Assert.Equal(302, (int)response.StatusCode);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal(error, query["error"].ToString());
        Assert.Equal(description, query["error_description"].ToString());
        Assert.False(query.ContainsKey("code"));
        Assert.Equal(state ?? "", query.TryGetValue("state", out var s) ? s.ToString() : "");
    }

    [Fact]
    public async Task Denied_consent_redirects_with_access_denied()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Host.Admin.UpdateConfigAsync(new IssueSync.JiraSimulator.Admin.SimulatorConfig { DenyConsent = true }, Ct);
        using var response = await sim.Http.GetAsync(TestSimulator.AuthorizeQuery(), Ct);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.Equal("st-123", query["state"].ToString());
    }

    private static async Task<string> AssertErrorPageAsync(HttpResponseMessage response)
    {
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.True((int)response.StatusCode == 400, $"Expected 400, got {(int)response.StatusCode}: {page}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Headers.Location);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        return page;
    }

    [Fact]
    public async Task Unsupported_grant_type_and_missing_parameters()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var unsupported = await sim.TokenAsync(new { grant_type = "client_credentials", client_id = DefaultSeed.ClientId, client_secret = DefaultSeed.ClientSecret });
        await unsupported.AssertBodyAsync(400, """{"error":"unsupported_grant_type","error_description":"Unsupported grant type: client_credentials"}""");

        using var missing = await sim.TokenAsync(new { client_id = DefaultSeed.ClientId });
        await missing.AssertBodyAsync(400, """{"error":"invalid_request","error_description":"Missing required parameter: grant_type"}""");
    }
}
