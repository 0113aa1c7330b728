using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Jira.Metadata;
using IssueSync.Worker.Admin;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Hosting;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Core;
using Serilog.Events;

namespace IssueSync.Worker.Tests.Admin;

/// <summary>
/// Named keys with roles on the real host (Production, SQLite): a viewer reads, an operator acts on commands, an admin
/// also on connections; every state-changing call is logged and stored with the key's name and shows in the command's
/// history; refused keys are logged without the key.
/// </summary>
public sealed class AdminRolesTests : IAsyncLifetime
{
    private const string ViewerKey = "viewer-key-2f6c0e5b9d8a4f1e3c7b6a5d4e3f2a1b";
    private const string OperatorKey = "operator-key-8e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b";
    private const string AdminKey = "admin-key-4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"issuesync-roles-{Guid.NewGuid():N}.db");
    private readonly CapturedLog _log = new();
    private WebApplicationFactory<Program> _factory = null!;

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:ConnectionString", $"Data Source={_database}");
            builder.UseSetting("Atlassian:ClientId", "test-client");
            builder.UseSetting("Atlassian:ClientSecret", "test-secret");
            builder.UseSetting("Atlassian:RedirectUri", "http://localhost/oauth/callback");
            builder.UseSetting(KeyRingProtection.CertificatePathKey, TestKeyRing.CertificatePath);
            builder.UseSetting("Admin:Keys:dana-viewer:Key", ViewerKey);
            builder.UseSetting("Admin:Keys:dana-viewer:Role", "viewer");
            builder.UseSetting("Admin:Keys:olga-operator:Key", OperatorKey);
            builder.UseSetting("Admin:Keys:olga-operator:Role", "Operator");
            builder.UseSetting("Admin:Keys:ada-admin:Key", AdminKey);
            builder.UseSetting("Admin:Keys:ada-admin:Role", "admin");
            builder.UseSetting("IssueSync:DispatchInterval", "01:00:00");
            builder.UseSetting("IssueSync:Uncertain:LookupSchedule:0", "01:00:00");
            builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(_log));
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-shm", _database + "-wal" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_viewer_key_reads_but_cannot_retry_and_the_refusal_names_the_key_not_its_value()
    {
        await SeedFailedAsync("alert-1");
        using var viewer = Client(ViewerKey);

        var read = await viewer.GetAsync(new Uri("/admin/commands/alert-1", UriKind.Relative), Ct);
        var retry = await viewer.PostAsync(new Uri("/admin/commands/alert-1/retry", UriKind.Relative), null, Ct);
        var bulk = await viewer.PostAsJsonAsync("/admin/commands/retry", new { reason = FailureReasons.Validation }, Ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bulk.StatusCode);
        Assert.Contains("'dana-viewer' has the viewer role", await DetailAsync(retry), StringComparison.Ordinal);
        Assert.Equal(CommandState.Failed, (await CommandAsync("alert-1")).State);
        Assert.Empty(await AuditAsync());
        Assert.Contains("dana-viewer", _log.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(ViewerKey, _log.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_acts_on_commands_but_not_on_connections_and_an_admin_does_both()
    {
        await SeedFailedAsync("alert-2");
        using var operatorClient = Client(OperatorKey);
        using var admin = Client(AdminKey);

        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync(new Uri("/admin/commands/alert-2/retry", UriKind.Relative), null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.PostAsJsonAsync("/admin/connections", new { name = "acme" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/admin/connections", new { name = "acme" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.DeleteAsync(new Uri("/admin/connections/acme", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(new Uri("/admin/connections/acme", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Every_state_changing_call_is_stored_with_the_key_name_and_shows_in_the_command_history()
    {
        var id = await SeedFailedAsync("alert-3");
        await SeedFailedAsync("alert-4");
        using var operatorClient = Client(OperatorKey);

        await operatorClient.PostAsJsonAsync("/admin/commands/alert-3/discard", new { reason = "duplicate of OPS-12" }, Ct);
        var again = await operatorClient.PostAsJsonAsync("/admin/commands/alert-3/discard", new { reason = "twice" }, Ct);
        await operatorClient.PostAsJsonAsync("/admin/commands/retry", new { reason = FailureReasons.Validation }, Ct);
        using var admin = Client(AdminKey);
        await admin.PostAsJsonAsync("/admin/connections", new { name = "globex" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var entries = await AuditAsync();
        // The bulk retry touched the one failed command left (alert-4), not the discarded one.
        Assert.Equal(
            [("olga-operator", "DiscardCommand", 200, (Guid?)id), ("olga-operator", "DiscardCommand", 409, id),
                ("olga-operator", "RetryCommands", 200, await IdOfAsync("alert-4")), ("ada-admin", "CreateConnection", 201, null)],
            entries.Select(e => (e.Actor, e.Action, e.Status, e.CommandId)).ToList());
        Assert.Equal("reason: duplicate of OPS-12", entries[0].Detail);
        Assert.Equal("globex", entries[3].Target);

        using var viewer = Client(ViewerKey);
        var detail = await viewer.GetFromJsonAsync<JsonElement>($"/admin/commands/{id}", Ct);
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["DiscardCommand", "DiscardCommand"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.Equal("olga-operator", history[0].GetProperty("actor").GetString());
        Assert.Equal("operator", history[0].GetProperty("role").GetString());
        Assert.Equal(409, history[1].GetProperty("status").GetInt32());
        Assert.Equal("api", history[0].GetProperty("surface").GetString());
        Assert.Contains(_log.Events, e => e.MessageTemplate.Text.StartsWith("Audit:", StringComparison.Ordinal)
            && e.Properties["Actor"].ToString() == "\"olga-operator\"" && e.Properties["Action"].ToString() == "\"DiscardCommand\"");
        Assert.DoesNotContain(OperatorKey, _log.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_is_401_and_logged_as_unknown_key_without_the_key()
    {
        using var stranger = Client("not-a-key-of-this-worker-0123456789abcdef");

        var response = await stranger.GetAsync(new Uri("/admin/commands", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(_log.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("unknown key", StringComparison.Ordinal));
        Assert.DoesNotContain("not-a-key-of-this-worker", _log.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_admin_route_names_its_role_and_every_state_changing_one_needs_operator_or_admin()
    {
        _ = _factory.Services;
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/admin", StringComparison.Ordinal) == true).ToList();

        Assert.True(endpoints.Count >= 19, $"only {endpoints.Count} admin routes found");
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var own = policies.Last();
            Assert.True(policies.Count >= 2, $"{endpoint.DisplayName} names no policy of its own");
            if (methods.Contains("GET"))
            {
                Assert.Equal(AdminPolicies.Viewer, own);
            }
            else
            {
                Assert.Contains(own, new[] { AdminPolicies.Operator, AdminPolicies.Admin });
            }
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client(string key)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        return client;
    }

    private async Task<Guid> SeedFailedAsync(string key)
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        var rules = scope.ServiceProvider.GetRequiredService<LifecycleRules>();
        var now = DateTime.UtcNow;
        var raw = JsonSerializer.Serialize(new CreateIssue
        {
            IdempotencyKey = key, ConnectionId = "acme", ProjectKey = "OPS", IssueType = "Bug", Summary = "Disk full on db-2",
        }, Web);
        var command = IssueCommand.Admit(new AdmittedCommand(key, CommandLedger.Hash(raw), raw, "acme", "OPS", "Disk full on db-2", null, DedupeLabel.For(key), null),
            now, "tests", rules);
        command.Complete(command.LeaseId!.Value, FailurePolicy.Outcome(FailureCondition.JiraValidation, "Jira rejected 1 field.",
            [new FieldError("priority", "Priority 'Urgent' is not allowed.")]), now, rules);
        db.Commands.Add(command);
        await db.SaveChangesAsync(Ct);
        return command.Id;
    }

    private async Task<IssueCommand> CommandAsync(string key)
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>().Commands.AsNoTracking().SingleAsync(c => c.IdempotencyKey == key, Ct);
    }

    private async Task<Guid> IdOfAsync(string key) => (await CommandAsync(key)).Id;

    private async Task<List<AuditEntry>> AuditAsync()
    {
        using var scope = _factory.Services.CreateScope();
        var entries = await scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>().AuditEntries.AsNoTracking().ToListAsync(Ct);
        return entries.OrderBy(e => e.At).ToList();
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString() ?? "";

    private sealed class CapturedLog : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyCollection<LogEvent> Events => _events;

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

        public string Text() => string.Join('\n', _events.Select(e => e.RenderMessage() + " " + string.Join(' ', e.Properties.Select(p => $"{p.Key}={p.Value}"))));
    }
}
