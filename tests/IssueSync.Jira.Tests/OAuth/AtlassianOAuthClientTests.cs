using System.Net;
using System.Text.Json.Nodes;
using IssueSync.Jira.OAuth;
using IssueSync.Jira.Tests.Support;

namespace IssueSync.Jira.Tests.OAuth;

public sealed class AtlassianOAuthClientTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public void BuildAuthorizationUrl_contains_every_parameter_escaped()
    {
        var client = TestClients.OAuth(new FakeHttpHandler(_ => throw new InvalidOperationException("no HTTP expected")));

        var url = client.BuildAuthorizationUrl("st&ate=1 x");

        Assert.Equal("https://auth.example.test/authorize", url.GetLeftPart(UriPartial.Path));
        var query = url.Query;
        Assert.Contains("audience=api.atlassian.com", query);
        Assert.Contains($"client_id={TestClients.ClientId}", query);
        Assert.Contains("scope=read%3Ajira-work%20write%3Ajira-work%20read%3Ajira-user%20read%3Ame%20offline_access", query);
        Assert.Contains("redirect_uri=https%3A%2F%2Fissuesync.example.test%2Foauth%2Fcallback", query);
        Assert.Contains("state=st%26ate%3D1%20x", query);
        Assert.Contains("response_type=code", query);
        Assert.Contains("prompt=consent", query);
        Assert.DoesNotContain(TestClients.ClientSecret, url.AbsoluteUri);
    }

    [Fact]
    public async Task ExchangeCodeAsync_posts_json_body_and_returns_tokens_with_expiry()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(200,
            """{"access_token":"at-1","refresh_token":"rt-1","expires_in":3600,"scope":"read:jira-work offline_access","token_type":"Bearer"}"""));
        var client = TestClients.OAuth(handler);

        var result = await client.ExchangeCodeAsync("the-code", None);

        Assert.True(result.IsSuccess);
        Assert.Equal("at-1", result.Tokens.AccessToken);
        Assert.Equal("rt-1", result.Tokens.RefreshToken);
        Assert.True(result.Tokens.RefreshTokenRotated);
        Assert.Equal(TestClients.Now.AddHours(1), result.Tokens.ExpiresAt);
        Assert.Equal("read:jira-work offline_access", result.Tokens.Scope);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://auth.example.test/oauth/token", request.Uri.AbsoluteUri);
        Assert.Equal("application/json", request.ContentType);
        var body = JsonNode.Parse(request.Body!)!.AsObject();
        Assert.Equal("authorization_code", (string?)body["grant_type"]);
        Assert.Equal(TestClients.ClientId, (string?)body["client_id"]);
        Assert.Equal(TestClients.ClientSecret, (string?)body["client_secret"]);
        Assert.Equal("the-code", (string?)body["code"]);
        Assert.Equal("https://issuesync.example.test/oauth/callback", (string?)body["redirect_uri"]);
    }

    [Fact]
    public async Task RefreshAsync_new_refresh_token_is_returned_as_rotated()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(200, """{"access_token":"at-2","refresh_token":"rt-2","expires_in":3600,"scope":"s"}"""));

        var result = await TestClients.OAuth(handler).RefreshAsync("rt-1", None);

        Assert.True(result.IsSuccess);
        Assert.Equal("rt-2", result.Tokens.RefreshToken);
        Assert.True(result.Tokens.RefreshTokenRotated);
        var body = JsonNode.Parse(handler.Requests[0].Body!)!.AsObject();
        Assert.Equal("refresh_token", (string?)body["grant_type"]);
        Assert.Equal("rt-1", (string?)body["refresh_token"]);
        Assert.Equal(TestClients.ClientSecret, (string?)body["client_secret"]);
        Assert.Null(body["code"]);
    }

    [Fact]
    public async Task RefreshAsync_response_without_refresh_token_keeps_the_old_one()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(200, """{"access_token":"at-2","expires_in":1800,"scope":"s"}"""));

        var result = await TestClients.OAuth(handler).RefreshAsync("rt-1", None);

        Assert.True(result.IsSuccess);
        Assert.Equal("rt-1", result.Tokens.RefreshToken);
        Assert.False(result.Tokens.RefreshTokenRotated);
        Assert.Equal(TestClients.Now.AddMinutes(30), result.Tokens.ExpiresAt);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(400)]
    public async Task RefreshAsync_invalid_grant_requires_reauthorization_whatever_the_status(int status)
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(status, AtlassianBodies.InvalidGrant));

        var result = await TestClients.OAuth(handler).RefreshAsync("rt-stale", None);

        Assert.False(result.IsSuccess);
        Assert.Equal(OAuthErrorKind.ReauthorizationRequired, result.Error.Kind);
        Assert.Equal("invalid_grant", result.Error.ErrorCode);
        Assert.Equal(status, result.Error.StatusCode);
        Assert.Contains("reconnect", result.Error.Message);
    }

    [Fact]
    public async Task RefreshAsync_invalid_grant_with_other_text_is_still_matched_on_the_code()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(400, """{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"""));

        var result = await TestClients.OAuth(handler).RefreshAsync("rt-stale", None);

        Assert.Equal(OAuthErrorKind.ReauthorizationRequired, result.Error!.Kind);
    }

    [Theory]
    [InlineData(401, """{"error":"access_denied","error_description":"Unauthorized"}""")]
    [InlineData(400, """{"error":"invalid_client","error_description":"Client authentication failed"}""")]
    [InlineData(400, """{"error":"unauthorized_client"}""")]
    [InlineData(401, "")]
    public async Task RefreshAsync_bad_client_credentials_give_InvalidClient(int status, string body)
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(status, body));

        var result = await TestClients.OAuth(handler).RefreshAsync("rt-1", None);

        Assert.Equal(OAuthErrorKind.InvalidClient, result.Error!.Kind);
        Assert.Contains("ClientSecret", result.Error.Message);
    }

    [Fact]
    public async Task RefreshAsync_500_is_transient()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(500, """{"error":"server_error"}"""));

        var result = await TestClients.OAuth(handler).RefreshAsync("rt-1", None);

        Assert.Equal(OAuthErrorKind.Transient, result.Error!.Kind);
        Assert.Equal(500, result.Error.StatusCode);
    }

    [Fact]
    public async Task RefreshAsync_429_is_transient_with_retry_after()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(429, "{}", ("Retry-After", "17")));

        var result = await TestClients.OAuth(handler).RefreshAsync("rt-1", None);

        Assert.Equal(OAuthErrorKind.Transient, result.Error!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(17), result.Error.RetryAfter);
    }

    [Fact]
    public async Task RefreshAsync_network_error_is_transient()
    {
        var handler = new FakeHttpHandler((_, _) => throw new HttpRequestException("Connection reset"));

        var result = await TestClients.OAuth(handler).RefreshAsync("rt-1", None);

        Assert.Equal(OAuthErrorKind.Transient, result.Error!.Kind);
        Assert.Null(result.Error.StatusCode);
    }

    [Fact]
    public async Task RefreshAsync_timeout_is_transient()
    {
        var time = TestClients.Time();
        var handler = new FakeHttpHandler(async (_, token) =>
        {
            time.Advance(TimeSpan.FromSeconds(31));
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            throw new InvalidOperationException("unreachable");
        });

        var result = await TestClients.OAuth(handler, time).RefreshAsync("rt-1", None);

        Assert.Equal(OAuthErrorKind.Transient, result.Error!.Kind);
        Assert.Contains("no response within 30 s", result.Error.Message);
    }

    [Fact]
    public async Task RefreshAsync_caller_cancellation_throws()
    {
        using var cts = new CancellationTokenSource();
        var handler = new FakeHttpHandler(async (_, token) =>
        {
            await cts.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            throw new InvalidOperationException("unreachable");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestClients.OAuth(handler).RefreshAsync("rt-1", cts.Token));
    }

    [Fact]
    public async Task RefreshAsync_other_error_gives_a_readable_message()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(400, """{"error":"invalid_request","error_description":"Missing parameter"}"""));

        var result = await TestClients.OAuth(handler).RefreshAsync("rt-1", None);

        Assert.Equal(OAuthErrorKind.Failed, result.Error!.Kind);
        Assert.Contains("invalid_request", result.Error.Message);
        Assert.Contains("Missing parameter", result.Error.Message);
    }

    [Fact]
    public async Task RefreshAsync_200_without_access_token_fails()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(200, """{"refresh_token":"rt-2"}"""));

        var result = await TestClients.OAuth(handler).RefreshAsync("rt-1", None);

        Assert.Equal(OAuthErrorKind.Failed, result.Error!.Kind);
        Assert.Contains("without an access_token", result.Error.Message);
    }

    [Fact]
    public async Task GetAccessibleResourcesAsync_reads_the_sites_with_a_bearer_get()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(200, AtlassianBodies.AccessibleResources));

        var result = await TestClients.OAuth(handler).GetAccessibleResourcesAsync("at-1", None);

        Assert.True(result.IsSuccess);
        var site = Assert.Single(result.Sites);
        Assert.Equal("1324a887-45db-1bf4-1e99-ef0ff456d421", site.Id);
        Assert.Equal("Site name", site.Name);
        Assert.Equal("https://your-domain.atlassian.net", site.Url);
        Assert.Equal(["write:jira-work", "read:jira-user", "manage:jira-configuration"], site.Scopes);
        Assert.Equal("https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/flag.png", site.AvatarUrl);
        var request = handler.Requests[0];
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.example.test/oauth/token/accessible-resources", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer at-1", request.Authorization);
        Assert.Null(request.Body);
    }

    [Fact]
    public async Task GetAccessibleResourcesAsync_401_is_unauthorized()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.Unauthorized, AtlassianBodies.ScopeDoesNotMatch));

        var result = await TestClients.OAuth(handler).GetAccessibleResourcesAsync("at-1", None);

        Assert.Equal(OAuthErrorKind.Unauthorized, result.Error!.Kind);
    }

    [Fact]
    public async Task GetAccessibleResourcesAsync_503_is_transient()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(503, "", ("Retry-After", "5")));

        var result = await TestClients.OAuth(handler).GetAccessibleResourcesAsync("at-1", None);

        Assert.Equal(OAuthErrorKind.Transient, result.Error!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), result.Error.RetryAfter);
    }

    [Fact]
    public async Task GetMeAsync_reads_the_consenting_account_with_a_bearer_get()
    {
        // The shape of GET https://api.atlassian.com/me (scope read:me).
        const string me = """
            {"account_type":"atlassian","account_id":"5b10ac8d82e05b22cc7d4ef5","email":"mia@example.com","name":"Mia Krystof",
             "picture":"https://avatar-management.example/5b10.png","account_status":"active","nickname":"mia","zoneinfo":"Australia/Sydney",
             "locale":"en-US","extended_profile":{"job_title":"Engineer"}}
            """;
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(200, me));

        var result = await TestClients.OAuth(handler).GetMeAsync("at-1", None);

        Assert.True(result.IsSuccess);
        Assert.Equal(new AtlassianAccount("5b10ac8d82e05b22cc7d4ef5", "Mia Krystof", "mia@example.com"), result.Account);
        Assert.Equal("Mia Krystof <mia@example.com>", result.Account.Describe());
        var request = handler.Requests[0];
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.example.test/me", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer at-1", request.Authorization);
    }

    [Fact]
    public async Task GetMeAsync_without_read_me_is_unauthorized_and_says_which_scope()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.Unauthorized, AtlassianBodies.ScopeDoesNotMatch));

        var result = await TestClients.OAuth(handler).GetMeAsync("at-1", None);

        Assert.Equal(OAuthErrorKind.Unauthorized, result.Error!.Kind);
        Assert.Contains("read:me", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMeAsync_without_an_account_id_is_a_failure_not_an_empty_account()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(200, """{"name":"Nobody"}"""));

        var result = await TestClients.OAuth(handler).GetMeAsync("at-1", None);

        Assert.False(result.IsSuccess);
    }
}
