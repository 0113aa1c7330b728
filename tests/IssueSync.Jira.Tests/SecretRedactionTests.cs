using System.Net;
using System.Text.Json.Nodes;
using IssueSync.Jira.OAuth;
using IssueSync.Jira.Rest;
using IssueSync.Jira.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IssueSync.Jira.Tests;

/// <summary>A full connect, refresh and create flow, with failures, through the real DI registration: no secret may leak.</summary>
public sealed class SecretRedactionTests
{
    private const string Secret = "cs-SUPER-SECRET-0001";
    private const string Code = "auth-code-SECRET-0002";
    private const string Access1 = "at-SECRET-0003";
    private const string Refresh1 = "rt-SECRET-0004";
    private const string Access2 = "at-SECRET-0005";
    private const string Refresh2 = "rt-SECRET-0006";
    private static readonly string[] Secrets = [Secret, Code, Access1, Refresh1, Access2, Refresh2];

    private static HttpResponseMessage Respond(RecordedRequest request)
    {
        var path = request.Uri.AbsolutePath;
        if (path == "/oauth/token")
        {
            var body = JsonNode.Parse(request.Body!)!;
            return (string?)body["grant_type"] switch
            {
                "authorization_code" => FakeHttpHandler.Json(200, $$"""{"access_token":"{{Access1}}","refresh_token":"{{Refresh1}}","expires_in":3600,"scope":"read:jira-work offline_access"}"""),
                _ when (string?)body["refresh_token"] == Refresh1 => FakeHttpHandler.Json(200, $$"""{"access_token":"{{Access2}}","refresh_token":"{{Refresh2}}","expires_in":3600}"""),
                // A careless server echoing the token back: it must not reach a message.
                _ => FakeHttpHandler.Json(403, $$"""{"error":"invalid_grant","error_description":"Unknown or invalid refresh token {{(string?)body["refresh_token"]}} for client {{Secret}}."}"""),
            };
        }

        if (path.EndsWith("/accessible-resources", StringComparison.Ordinal))
        {
            return FakeHttpHandler.Json(200, AtlassianBodies.AccessibleResources);
        }

        if (path.EndsWith("/issuetypes", StringComparison.Ordinal))
        {
            return FakeHttpHandler.Json(200, """{"issueTypes":[{"id":"1","name":"Bug"}],"startAt":0,"maxResults":50,"total":1}""");
        }

        if (path.EndsWith("/issuetypes/1", StringComparison.Ordinal))
        {
            return FakeHttpHandler.Json(401, AtlassianBodies.ScopeDoesNotMatch);
        }

        if (path.EndsWith("/issue", StringComparison.Ordinal))
        {
            return JsonNode.Parse(request.Body!)!["fields"]!["summary"]!.GetValue<string>() == "drop"
                ? throw new HttpRequestException($"connection reset")
                : FakeHttpHandler.Json(HttpStatusCode.BadRequest, AtlassianBodies.LabelWithSpaces);
        }

        return FakeHttpHandler.Json(500, "");
    }

    [Fact]
    public async Task Full_flow_with_failures_never_logs_or_reports_a_token_secret_or_code()
    {
        var handler = new FakeHttpHandler(Respond);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddAtlassianJira(o =>
        {
            o.ClientId = "client";
            o.ClientSecret = Secret;
            o.RedirectUri = new Uri("https://issuesync.example.test/cb");
            o.AuthBaseUrl = new Uri("https://auth.example.test");
            o.ApiBaseUrl = new Uri("https://api.example.test");
        });
        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => handler));
        await using var provider = services.BuildServiceProvider();
        var oauth = provider.GetRequiredService<IAtlassianOAuthClient>();
        var jira = provider.GetRequiredService<IJiraCloudClient>();
        var ct = TestContext.Current.CancellationToken;
        var messages = new List<string>();

        var exchanged = await oauth.ExchangeCodeAsync(Code, ct);
        var refreshed = await oauth.RefreshAsync(exchanged.Tokens!.RefreshToken!, ct);
        var reused = await oauth.RefreshAsync(Refresh1 + "-stale", ct);
        var sites = await oauth.GetAccessibleResourcesAsync(refreshed.Tokens!.AccessToken, ct);
        var context = new JiraRequestContext(sites.Sites![0].Id, refreshed.Tokens.AccessToken);
        var metadata = await jira.GetCreateMetadataAsync(context, "ED", "Bug", ct);
        var rejected = await jira.CreateIssueAsync(context, new JsonObject { ["fields"] = new JsonObject { ["summary"] = "x" } }, ct);
        var dropped = await jira.CreateIssueAsync(context, new JsonObject { ["fields"] = new JsonObject { ["summary"] = "drop" } }, ct);
        var thrown = await Assert.ThrowsAsync<ArgumentException>(() => oauth.RefreshAsync(" ", ct));

        Assert.Equal(OAuthErrorKind.ReauthorizationRequired, reused.Error!.Kind);
        Assert.Equal(Errors.JiraErrorKind.Unauthorized, metadata.Error!.Kind);
        Assert.Equal(Errors.JiraErrorKind.Validation, rejected.Error!.Kind);
        Assert.Equal(Errors.JiraErrorKind.UnknownOutcome, dropped.Error!.Kind);
        messages.AddRange([reused.Error.Message, metadata.Error.Message, rejected.Error.Message, dropped.Error.Message, thrown.Message]);
        messages.AddRange([exchanged.Tokens.ToString(), refreshed.Tokens.ToString(), context.ToString()]);
        Assert.Contains("[redacted]", reused.Error.Message);

        var logs = provider.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, l => l.Message.Contains("Atlassian POST /oauth/token (refresh_token) answered 200", StringComparison.Ordinal));
        // Successes are the hot path: Debug only; a refusal stays visible at Information.
        Assert.All(logs.Where(l => l.Message.Contains(" answered 2", StringComparison.Ordinal)), l => Assert.Equal(LogLevel.Debug, l.Level));
        Assert.Contains(logs, l => l.Message.Contains("/rest/api/3/issue answered 400", StringComparison.Ordinal) && l.Level == LogLevel.Information);
        Assert.Contains(logs, l => l.Message.Contains("/rest/api/3/issue got no response (Interrupted)", StringComparison.Ordinal));
        foreach (var record in logs)
        {
            messages.Add(record.Message);
            messages.AddRange(record.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? []);
            messages.Add(record.Exception?.ToString() ?? "");
        }

        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(messages, m => m.Contains(secret, StringComparison.Ordinal));
        }
    }
}
