using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.JiraSimulator.Faults;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IssueSync.IntegrationTests.Worker;

/// <summary>Several worker replicas (separate service providers) on one database and one queue.</summary>
public sealed class ReplicaTests(IntegrationServices services)
{
    [Fact]
    public async Task Four_replicas_share_token_refreshes_while_tokens_expire_mid_stream()
    {
        var lifetime = TimeSpan.FromSeconds(2);
        await using var scenario = await PipelineScenario.StartAsync(services, replicas: 4,
            simulator: o =>
            {
                o.AccessTokenLifetime = lifetime;
                o.Faults = new FaultSettings { LatencyMs = 40, LatencyJitterMs = 20, Endpoints = ["create-issue"] };
            },
            worker: s => s with
            {
                ConcurrencyLimit = 8,
                Overrides = new Dictionary<string, string?> { ["IssueSync:TokenRefreshSkew"] = "00:00:00" },
            });
        var started = DateTime.UtcNow;
        var keys = Enumerable.Range(1, 200).Select(i => $"fleet-{i:D3}").ToList();

        await scenario.SendAsync(keys.Select(k => PipelineScenario.Command(k)).ToArray());
        var commands = await scenario.WaitForTerminalAsync(keys, TimeSpan.FromSeconds(120));
        var elapsed = DateTime.UtcNow - started;

        Assert.All(commands, c => Assert.Equal(CommandState.Created, c.State));
        var issues = await scenario.Simulator.Admin.GetIssuesAsync();
        Assert.Equal(200, issues.Count);
        Assert.Equal(200, issues.Select(i => i.Key).Distinct().Count());
        Assert.Empty(await scenario.Simulator.Admin.GetDuplicatesAsync());
        Assert.Equal(4, commands.SelectMany(c => c.AttemptLog).Select(a => a.Replica).Distinct().Count());

        var stats = await scenario.Simulator.Admin.GetStatsAsync();
        Assert.Equal(0, stats.InvalidGrants);
        Assert.Equal(0, stats.RevokedFamilies);
        // One refresh per expiry of the shared token, not one per replica or per command.
        var expiries = (int)Math.Ceiling(elapsed / lifetime) + 1;
        Assert.InRange(stats.Refreshes, 1, expiries);
        // One successful POST per issue. With a refresh skew of zero, a token can expire in flight: that POST is
        // answered 401 (nothing created) and sent again after the refresh, so 401 is the only other status.
        // Metadata is fetched at most once per replica (issue types + fields; one flight per key per replica, and
        // the database cache serves the others). No dedupe search was needed.
        long Calls(string endpoint) => stats.Requests.TryGetValue(endpoint, out var byStatus) ? byStatus.Values.Sum() : 0;
        var posts = stats.Requests["create-issue"];
        Assert.Equal(200, posts["201"]);
        Assert.All(posts.Keys, status => Assert.Contains(status, new[] { "201", "401" }));
        Assert.InRange(Calls("createmeta-issuetypes") + Calls("createmeta-fields"), 2, 2 * 4);
        Assert.Equal(0, Calls("search-jql"));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"200 issues in {elapsed.TotalSeconds:0.0} s with 4 replicas: {stats.Refreshes} refreshes (at most {expiries} expiries), {Calls("create-issue")} POSTs");
    }

    [Fact]
    public async Task No_token_reaches_a_log_line()
    {
        await using var scenario = await PipelineScenario.StartAsync(services);
        await scenario.SendAsync(PipelineScenario.Command("logs-1"));
        await scenario.WaitForTerminalAsync(["logs-1"]);
        // Expire the access token on both sides, so the next command refreshes the pair (and could log it).
        await scenario.Simulator.Admin.ExpireAccessTokensAsync(ct: TestContext.Current.CancellationToken);
        await scenario.WithDbAsync(db => db.Connections.ExecuteUpdateAsync(u => u.SetProperty(c => c.AccessTokenExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        await scenario.SendAsync(PipelineScenario.Command("logs-2"));
        await scenario.WaitForTerminalAsync(["logs-2"]);

        // The refreshed pair as stored (decrypted) plus the first pair: none may appear in any log event.
        await using var scope = scenario.Worker.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<TokenProtector>();
        var connection = await db.Connections.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        var tokens = scenario.IssuedTokens.Concat([protector.Unprotect(connection.ProtectedAccessToken!), protector.Unprotect(connection.ProtectedRefreshToken!)]).ToList();
        Assert.NotEqual(scenario.IssuedTokens[0], tokens[^2]);

        // The refresh itself must have been logged (the line closest to the tokens); wait for it, the ledger is
        // written a moment before the log.
        var logs = "";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!(logs = scenario.Worker.Logs.AllText()).Contains("Refreshed the access token", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Contains("Refreshed the access token", logs, StringComparison.Ordinal);
        Assert.Contains("logs-1", logs, StringComparison.Ordinal);
        Assert.Contains("logs-2", logs, StringComparison.Ordinal);
        Assert.All(tokens, token => Assert.DoesNotContain(token, logs, StringComparison.Ordinal));
        Assert.DoesNotContain("issuesync-demo-secret", logs, StringComparison.Ordinal);
    }
}
