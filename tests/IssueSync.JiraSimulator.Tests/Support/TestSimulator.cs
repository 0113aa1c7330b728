using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace IssueSync.JiraSimulator.Tests.Support;

/// <summary>A simulator on a random loopback port with a fake clock, plus an HttpClient that does not follow redirects.</summary>
public sealed class TestSimulator : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 30, TimeSpan.Zero);

    private TestSimulator(JiraSimulatorHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseUrl };
    }

    public JiraSimulatorHost Host { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public static async Task<TestSimulator> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(Start);
        var host = await JiraSimulatorHost.StartAsync(configure, time, TestContext.Current.CancellationToken);
        return new TestSimulator(host, time);
    }

    public static string AuthorizeQuery(
        string clientId = DefaultSeed.ClientId,
        string redirect = DefaultSeed.Redirect,
        string scope = DefaultSeed.Scopes,
        string? state = "st-123",
        string responseType = "code",
        string? loginHint = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["audience"] = "api.atlassian.com",
            ["client_id"] = clientId,
            ["scope"] = scope,
            ["redirect_uri"] = redirect,
            ["response_type"] = responseType,
            ["prompt"] = "consent",
        };
        if (state is not null)
        {
            query["state"] = state;
        }

        if (loginHint is not null)
        {
            query["login_hint"] = loginHint;
        }

        return QueryHelpers.AddQueryString("authorize", query);
    }

    /// <summary>Consents and returns the code from the redirect.</summary>
    public async Task<string> AuthorizeAsync(string scope = DefaultSeed.Scopes, string redirect = DefaultSeed.Redirect, string? loginHint = null)
    {
        using var response = await Http.GetAsync(AuthorizeQuery(scope: scope, redirect: redirect, loginHint: loginHint), TestContext.Current.CancellationToken);
        Assert.Equal(302, (int)response.StatusCode);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        return query["code"].ToString();
    }

    public Task<HttpResponseMessage> TokenAsync(object body) =>
        Http.PostAsJsonAsync("oauth/token", body, TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> ExchangeAsync(string code, string redirect = DefaultSeed.Redirect, string secret = DefaultSeed.ClientSecret) =>
        TokenAsync(new { grant_type = "authorization_code", client_id = DefaultSeed.ClientId, client_secret = secret, code, redirect_uri = redirect });

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        TokenAsync(new { grant_type = "refresh_token", client_id = DefaultSeed.ClientId, client_secret = DefaultSeed.ClientSecret, refresh_token = refreshToken });

    /// <summary>The full flow: authorize, exchange the code.</summary>
    public async Task<Tokens> ConnectAsync(string scope = DefaultSeed.Scopes, string? loginHint = null)
    {
        var code = await AuthorizeAsync(scope, loginHint: loginHint);
        using var response = await ExchangeAsync(code);
        Assert.Equal(200, (int)response.StatusCode);
        return Tokens.From(await response.JsonAsync());
    }

    public async Task<Tokens> RefreshOkAsync(string refreshToken)
    {
        using var response = await RefreshAsync(refreshToken);
        Assert.Equal(200, (int)response.StatusCode);
        return Tokens.From(await response.JsonAsync());
    }

    public Task<HttpResponseMessage> ApiAsync(HttpMethod method, string path, string token, object? body = null, string cloudId = DefaultSeed.Acme)
    {
        var request = new HttpRequestMessage(method, $"ex/jira/{cloudId}/rest/api/3/{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = body is string raw
                ? new StringContent(raw, System.Text.Encoding.UTF8, "application/json")
                : JsonContent.Create(body);
        }

        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string token, string cloudId = DefaultSeed.Acme) =>
        ApiAsync(HttpMethod.Get, path, token, null, cloudId);

    public Task<HttpResponseMessage> CreateIssueAsync(string token, object fields, string cloudId = DefaultSeed.Acme, object? properties = null) =>
        ApiAsync(HttpMethod.Post, "issue", token, properties is null ? new { fields } : new { fields, properties }, cloudId);

    /// <summary>A valid OPS Task.</summary>
    public static Dictionary<string, object?> OpsTask(string summary = "Disk full on db-1", params string[] labels) => new()
    {
        ["project"] = new { key = "OPS" },
        ["issuetype"] = new { id = DefaultSeed.Task },
        ["summary"] = summary,
        ["labels"] = labels,
    };

    public Task<HttpResponseMessage> SearchAsync(string token, object body, string cloudId = DefaultSeed.Acme) =>
        ApiAsync(HttpMethod.Post, "search/jql", token, body, cloudId);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

public sealed record Tokens(string AccessToken, string? RefreshToken, int ExpiresIn, string Scope)
{
    public static Tokens From(JsonElement json) => new(
        json.GetProperty("access_token").GetString()!,
        json.TryGetProperty("refresh_token", out var rt) ? rt.GetString() : null,
        json.GetProperty("expires_in").GetInt32(),
        json.GetProperty("scope").GetString()!);
}

public static class HttpAssertions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status and that the body is exactly <paramref name="expectedJson"/> (JSON equality).</summary>
    public static async Task AssertBodyAsync(this HttpResponseMessage response, int status, string expectedJson)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == (int)response.StatusCode, $"Expected {status}, got {(int)response.StatusCode}: {text}");
        var expected = JsonNode.Parse(expectedJson);
        var actual = JsonNode.Parse(text);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected body {expected?.ToJsonString()}\nbut got     {actual?.ToJsonString()}");
    }

    public static async Task AssertStatusAsync(this HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
        {
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Fail($"Expected {status}, got {(int)response.StatusCode}: {text}");
        }
    }

    public const string Unauthorized = """{"code":401,"message":"Unauthorized; scope does not match"}""";

    public const string InvalidGrant = """{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}""";
}
