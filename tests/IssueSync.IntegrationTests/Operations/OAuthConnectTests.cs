using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IssueSync.IntegrationTests.Operations;

/// <summary>The OAuth 2.0 (3LO) connect flow end to end: admin call → Atlassian (simulator) consent → our callback.</summary>
public sealed class OAuthConnectTests(IntegrationServices services)
{
    [Fact]
    public async Task Connecting_a_user_with_two_sites_waits_for_a_site_choice_then_creates_issues()
    {
        await using var scenario = await PipelineScenario.StartAsync(services, connect: false);
        using var admin = scenario.Worker.AdminClient();

        var created = await admin.PostAsJsonAsync("/admin/connections", new { name = "globex" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("AwaitingAuthorization", body.GetProperty("status").GetString());
        var authorizeUrl = new Uri(body.GetProperty("authorizeUrl").GetString()!);
        var query = HttpUtility.ParseQueryString(authorizeUrl.Query);
        Assert.Equal("api.atlassian.com", query["audience"]);
        Assert.Equal("consent", query["prompt"]);
        Assert.Contains("offline_access", query["scope"], StringComparison.Ordinal);

        var (code, state) = await PipelineScenario.ConsentAsync(authorizeUrl);
        var callback = await new HttpClient { BaseAddress = scenario.Worker.BaseUrl }
            .GetAsync(PipelineScenario.Callback(code, state), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);

        var connection = await admin.GetFromJsonAsync<JsonElement>("/admin/connections/globex", TestContext.Current.CancellationToken);
        Assert.Equal("AwaitingSiteChoice", connection.GetProperty("status").GetString());
        Assert.Equal(2, connection.GetProperty("availableSites").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, connection.GetProperty("cloudId").ValueKind);

        var refused = await admin.PutAsJsonAsync("/admin/connections/globex/site", new { site = "https://elsewhere.atlassian.net" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("acme-labs.atlassian.net", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var chosen = await admin.PutAsJsonAsync("/admin/connections/globex/site", new { site = "https://acme.atlassian.net" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Equal("Active", (await chosen.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("status").GetString());

        await scenario.SendAsync(PipelineScenario.Command("oauth-1", c => c with { ConnectionId = "globex" }));
        Assert.Equal(CommandState.Created, Assert.Single(await scenario.WaitForTerminalAsync(["oauth-1"])).State);

        // Tokens are stored encrypted and never returned.
        var stored = await scenario.WithDbAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.Name == "globex"));
        var listing = await admin.GetStringAsync("/admin/connections", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(stored.ProtectedRefreshToken!, listing, StringComparison.Ordinal);
        Assert.DoesNotContain("token\":\"", listing.Replace("accessTokenExpiresAt", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("CfDJ8", stored.ProtectedRefreshToken, StringComparison.Ordinal);

        // Disconnecting erases the tokens; the connection's next command fails with a readable reason.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(new Uri("/admin/connections/globex", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        var gone = await scenario.WithDbAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.Name == "globex"));
        Assert.Equal(ConnectionStatus.Disconnected, gone.Status);
        Assert.Null(gone.ProtectedAccessToken);
        Assert.Null(gone.ProtectedRefreshToken);
        await scenario.SendAsync(PipelineScenario.Command("oauth-2", c => c with { ConnectionId = "globex" }));
        Assert.Equal(IssueSync.Contracts.FailureReasons.UnknownConnection, Assert.Single(await scenario.WaitForTerminalAsync(["oauth-2"])).ReasonCode);
    }

    [Fact]
    public async Task A_tampered_replayed_or_expired_state_is_refused()
    {
        await using var scenario = await PipelineScenario.StartAsync(services, connect: false);
        using var admin = scenario.Worker.AdminClient();
        using var browser = new HttpClient { BaseAddress = scenario.Worker.BaseUrl };
        var body = await (await admin.PostAsJsonAsync("/admin/connections", new { name = "initech" }, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var (code, state) = await PipelineScenario.ConsentAsync(new Uri(body.GetProperty("authorizeUrl").GetString()!));

        var tampered = await browser.GetAsync(PipelineScenario.Callback(code, state[..^2] + "xx"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Contains("altered", await tampered.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(PipelineScenario.Callback(code, state), TestContext.Current.CancellationToken)).StatusCode);
        var replayed = await browser.GetAsync(PipelineScenario.Callback(code, state), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("used already", await replayed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var renewal = await (await admin.PostAsync(new Uri("/admin/connections/initech/authorize", UriKind.Relative), null, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var (code2, state2) = await PipelineScenario.ConsentAsync(new Uri(renewal.GetProperty("authorizeUrl").GetString()!));
        await scenario.WithDbAsync(db => db.OAuthStates.Where(s => s.UsedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));
        var expired = await browser.GetAsync(PipelineScenario.Callback(code2, state2), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconnecting_after_invalid_grant_resumes_the_parked_commands()
    {
        await using var scenario = await PipelineScenario.StartAsync(services);
        using var admin = scenario.Worker.AdminClient();
        await scenario.Simulator.Admin.RevokeUserAsync(PipelineScenario.AccountId);
        await scenario.WithDbAsync(db => db.Connections.ExecuteUpdateAsync(u => u.SetProperty(c => c.AccessTokenExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        await scenario.SendAsync(PipelineScenario.Command("reconnect-1"), PipelineScenario.Command("reconnect-2"));
        await scenario.WaitForAsync(["reconnect-1", "reconnect-2"], c => c.State == CommandState.Parked);
        var parked = await admin.GetFromJsonAsync<JsonElement>($"/admin/connections/{PipelineScenario.Connection}", TestContext.Current.CancellationToken);
        Assert.Equal("ReauthorizationRequired", parked.GetProperty("status").GetString());
        Assert.Equal(2, parked.GetProperty("commands").GetProperty("parked").GetInt32());

        // Consenting again starts a new token family for the same user.
        var link = await (await admin.PostAsync(new Uri($"/admin/connections/{PipelineScenario.Connection}/authorize", UriKind.Relative), null, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var (code, state) = await PipelineScenario.ConsentAsync(new Uri(link.GetProperty("authorizeUrl").GetString()!));
        using var browser = new HttpClient { BaseAddress = scenario.Worker.BaseUrl };
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(PipelineScenario.Callback(code, state), TestContext.Current.CancellationToken)).StatusCode);

        var created = await scenario.WaitForTerminalAsync(["reconnect-1", "reconnect-2"]);
        Assert.All(created, c => Assert.Equal(CommandState.Created, c.State));
    }

    [Fact]
    public async Task A_reconnect_by_another_account_keeps_the_commands_parked_until_an_operator_confirms_that_account()
    {
        await using var scenario = await PipelineScenario.StartAsync(services);
        using var admin = scenario.Worker.AdminClient();
        await scenario.Simulator.Admin.RevokeUserAsync(PipelineScenario.AccountId);
        await scenario.WithDbAsync(db => db.Connections.ExecuteUpdateAsync(u => u.SetProperty(c => c.AccessTokenExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        string[] keys = ["other-account-1", "other-account-2"];
        await scenario.SendAsync(keys.Select(k => PipelineScenario.Command(k, c => c with { Priority = null })).ToArray());
        await scenario.WaitForAsync(keys, c => c.State == CommandState.Parked);

        // The reconnect link is completed by someone signed in to Atlassian as another account.
        Assert.Contains("Waiting for confirmation", await scenario.ReconnectAsAsync(PipelineScenario.OtherAccountId), StringComparison.Ordinal);

        var held = await admin.GetFromJsonAsync<JsonElement>($"/admin/connections/{PipelineScenario.Connection}", TestContext.Current.CancellationToken);
        Assert.Equal("AwaitingAccountConfirmation", held.GetProperty("status").GetString());
        Assert.Equal(PipelineScenario.AccountId, held.GetProperty("atlassianAccountId").GetString());
        Assert.Equal(PipelineScenario.OtherAccountId, held.GetProperty("pendingAccountId").GetString());
        Assert.Equal("Limited User <limited.user@example.com>", held.GetProperty("pendingAccount").GetString());

        // A dispatch pass resumes nothing: the held account's tokens are not used.
        await scenario.Worker.Services.GetRequiredService<RetryDispatcher>().DispatchOnceAsync(CancellationToken.None);
        Assert.All(await scenario.CommandsAsync(keys), c => Assert.Equal(CommandState.Parked, c.State));
        Assert.Empty(await scenario.Simulator.Admin.GetIssuesAsync());

        var confirmed = await admin.PostAsJsonAsync($"/admin/connections/{PipelineScenario.Connection}/account/confirm",
            new { accountId = PipelineScenario.OtherAccountId }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("Active", (await confirmed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("status").GetString());

        var created = await scenario.WaitForTerminalAsync(keys);
        Assert.All(created, c => Assert.Equal(CommandState.Created, c.State));
        Assert.Equal(2, (await scenario.Simulator.Admin.GetIssuesAsync()).Count);
    }
}
