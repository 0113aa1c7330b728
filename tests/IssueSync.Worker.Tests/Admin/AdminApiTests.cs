using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Jira.Metadata;
using IssueSync.Worker.Hosting;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IssueSync.Worker.Tests.Admin;

/// <summary>
/// The admin API over HTTP on the real host with its embedded defaults (SQLite, in-memory transport). The dispatcher
/// makes one pass at start and then waits an hour, so seeded commands change only through the calls under test.
/// </summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    private const string ApiKey = "worker-tests-admin-key-0123456789abcdef";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"issuesync-admin-{Guid.NewGuid():N}.db");
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _admin = null!;

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting(KeyRingProtection.CertificatePathKey, TestKeyRing.CertificatePath);
            builder.UseSetting("Database:ConnectionString", $"Data Source={_database}");
            builder.UseSetting("Atlassian:ClientId", "test-client");
            builder.UseSetting("Atlassian:ClientSecret", "test-secret");
            builder.UseSetting("Atlassian:RedirectUri", "http://localhost/oauth/callback");
            builder.UseSetting("Admin:ApiKeys:0", ApiKey);
            builder.UseSetting("IssueSync:DispatchInterval", "01:00:00");
            builder.UseSetting("IssueSync:Uncertain:LookupSchedule:0", "01:00:00");
        });
        _admin = _factory.CreateClient();
        _admin.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-shm", _database + "-wal" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_eight_character_ids_the_lists_show_are_taken_by_every_endpoint_that_takes_an_id()
    {
        var id = Guid.Parse("3f2c9a1e-5b7d-4c1e-9f00-1a2b3c4d5e6f");
        await SeedAsync(id, "alert-4711", Fail);
        var listed = await GetJsonAsync("/admin/commands");
        var shortId = listed.GetProperty("items")[0].GetProperty("id").GetString()![..8];

        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync(new Uri($"/admin/commands/{shortId}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/admin/commands/{shortId}", new { summary = "Disk full on db-3" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsJsonAsync($"/admin/commands/{shortId}/discard", new { reason = "duplicate" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync(new Uri($"/admin/commands/{shortId}/retry", UriKind.Relative), null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsJsonAsync($"/admin/commands/{shortId.ToUpperInvariant()}/fail", new { reason = "given up" }, Ct)).StatusCode);

        var retried = await _admin.PostAsJsonAsync("/admin/commands/retry", new { ids = new[] { shortId[..6] } }, Ct);
        Assert.Equal(1, (await retried.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("retried").GetInt32());
        var command = await GetJsonAsync($"/admin/commands/{id:N}"[..^20]);
        Assert.Equal("Pending", command.GetProperty("state").GetString());
        Assert.Equal("Disk full on db-3", command.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task An_ambiguous_prefix_is_409_naming_the_candidates_and_a_short_one_is_404_saying_why()
    {
        await SeedAsync(Guid.Parse("abcd1234-0000-4000-8000-000000000001"), "key-a", Fail);
        await SeedAsync(Guid.Parse("abcd5678-0000-4000-8000-000000000002"), "key-b", Fail);
        await SeedAsync(Guid.Parse("12345678-9abc-4def-8000-000000000003"), "cafe", Fail);

        var ambiguous = await _admin.PostAsync(new Uri("/admin/commands/abcd/retry", UriKind.Relative), null, Ct);
        var detail = await DetailAsync(ambiguous);
        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
        Assert.Contains("abcd1234-0000-4000-8000-000000000001 (key-a)", detail, StringComparison.Ordinal);
        Assert.Contains("abcd5678-0000-4000-8000-000000000002 (key-b)", detail, StringComparison.Ordinal);
        var bulk = await _admin.PostAsJsonAsync("/admin/commands/retry", new { ids = new[] { "key-a", "abcd" } }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, bulk.StatusCode);
        Assert.Equal("Failed", (await GetJsonAsync("/admin/commands/key-a")).GetProperty("state").GetString());

        var tooShort = await _admin.GetAsync(new Uri("/admin/commands/abc", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, tooShort.StatusCode);
        Assert.Contains("at least 4 hex digits", await DetailAsync(tooShort), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync(new Uri("/admin/commands/ffff", UriKind.Relative), Ct)).StatusCode);

        Assert.Equal("key-b", (await GetJsonAsync("/admin/commands/ABCD5")).GetProperty("idempotencyKey").GetString());
        // A key that looks like hex is a key first; digits without dashes find the id across its first dash.
        Assert.Equal("12345678-9abc-4def-8000-000000000003", (await GetJsonAsync("/admin/commands/cafe")).GetProperty("id").GetString());
        Assert.Equal("cafe", (await GetJsonAsync("/admin/commands/123456789abc")).GetProperty("idempotencyKey").GetString());
    }

    [Fact]
    public async Task A_command_answers_with_the_json_the_api_has_always_had()
    {
        var id = Guid.NewGuid();
        await SeedAsync(id, "shape-1", Uncertain);

        var detail = await GetJsonAsync($"/admin/commands/{id}");

        Assert.Equal(
            ["id", "idempotencyKey", "connectionId", "projectKey", "summary", "state", "attempts", "nextAttemptAt", "reasonCode", "lastError",
                "jiraIssueKey", "cloudId", "receivedAt", "updatedAt", "completedAt", "outcome", "dedupeLabel", "fieldErrors", "command", "attemptLog", "history"],
            detail.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Uncertain", detail.GetProperty("state").GetString());
        Assert.Equal("MayExist", detail.GetProperty("outcome").GetString());
        Assert.Equal(DedupeLabel.For("shape-1"), detail.GetProperty("dedupeLabel").GetString());
        Assert.Equal("Bug", detail.GetProperty("command").GetProperty("issueType").GetString());

        var summary = (await GetJsonAsync("/admin/commands?state=uncertain")).GetProperty("items")[0];
        Assert.Equal(detail.EnumerateObject().Select(p => p.Name).Take(17), summary.EnumerateObject().Select(p => p.Name));

        var created = await _admin.PostAsJsonAsync("/admin/connections", new { name = "acme" }, Ct);
        var connection = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(
            ["id", "name", "status", "statusReason", "cloudId", "siteUrl", "siteName", "availableSites", "atlassianAccountId", "atlassianAccount", "pendingAccountId", "pendingAccount", "accessTokenExpiresAt", "lastRefreshedAt",
                "throttledUntil", "createdAt", "updatedAt", "commands", "authorizeUrl", "authorizeExpiresAt"],
            connection.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["pending", "inProgress", "parked", "failed", "created", "discarded", "uncertain"],
            connection.GetProperty("commands").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, (await GetJsonAsync("/admin/connections/acme")).GetProperty("commands").GetProperty("uncertain").GetInt32());
    }

    [Fact]
    public async Task An_unknown_state_is_refused_rather_than_ignored()
    {
        var list = await _admin.GetAsync(new Uri("/admin/commands?state=Bogus", UriKind.Relative), Ct);
        var retry = await _admin.PostAsJsonAsync("/admin/commands/retry", new { state = "Created" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.Contains("Uncertain", await DetailAsync(list), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, retry.StatusCode);
    }

    [Fact]
    public async Task Publishing_refuses_a_batch_with_a_mistake_any_producer_sees_and_sends_none_of_it()
    {
        var batch = new[] { Command("pub-1"), Command("pub-2") with { Labels = ["two words"], DueDate = "31/12/2026" } };

        var refused = await _admin.PostAsJsonAsync("/admin/commands", batch, Web, Ct);
        var accepted = await _admin.PostAsJsonAsync("/admin/commands", Command("pub-3"), Web, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["[1].labels", "[1].duedate"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(1, (await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accepted").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.PostAsync(new Uri("/admin/commands", UriKind.Relative),
            new StringContent("[null]", System.Text.Encoding.UTF8, "application/json"), Ct)).StatusCode);
    }

    [Fact]
    public async Task An_uncertain_command_is_failed_by_an_operator_and_a_created_one_cannot_be_resolved()
    {
        var id = Guid.NewGuid();
        await SeedAsync(id, "uncertain-1", Uncertain);

        var neither = await _admin.PostAsJsonAsync($"/admin/commands/{id}/resolve", new { }, Ct);
        var failed = await _admin.PostAsJsonAsync($"/admin/commands/{id}/fail", new { reason = "created by hand as OPS-40" }, Ct);
        var resolveFailed = await _admin.PostAsJsonAsync($"/admin/commands/{id}/resolve", new { postAgain = true }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        var body = await failed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Failed", body.GetProperty("state").GetString());
        Assert.Equal(FailureReasons.FailedByOperator, body.GetProperty("reasonCode").GetString());
        Assert.Contains("created by hand as OPS-40", body.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, resolveFailed.StatusCode);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CreateIssue Command(string key) => new()
    {
        IdempotencyKey = key, ConnectionId = "acme", ProjectKey = "OPS", IssueType = "Bug", Summary = "Disk full on db-2", Labels = ["ops"],
    };

    private static void Fail(IssueCommand command, LifecycleRules rules, DateTime now) =>
        command.Complete(command.LeaseId!.Value, FailurePolicy.Outcome(FailureCondition.JiraValidation, "Jira rejected 1 field.",
            [new FieldError("priority", "Priority 'Urgent' is not allowed.")]), now, rules);

    // A create request went out and its answer was lost: the issue may exist; the next lookup is an hour away.
    private static void Uncertain(IssueCommand command, LifecycleRules rules, DateTime now)
    {
        command.MarkPosting(command.LeaseId!.Value, "8a4c2f10-3b5e-4d7a-9f61-0c2d3e4f5a61", now, rules);
        command.Complete(command.LeaseId!.Value, FailurePolicy.Outcome(FailureCondition.JiraUnknownOutcome, "Jira answered 504 after the request was sent."), now, rules);
    }

    private async Task SeedAsync(Guid id, string key, Action<IssueCommand, LifecycleRules, DateTime> then)
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        var rules = scope.ServiceProvider.GetRequiredService<LifecycleRules>();
        var now = DateTime.UtcNow;
        var raw = JsonSerializer.Serialize(Command(key), Web);
        var command = IssueCommand.Admit(new AdmittedCommand(key, CommandLedger.Hash(raw), raw, "acme", "OPS", "Disk full on db-2", null, DedupeLabel.For(key), null),
            now, "tests", rules);
        command.Id = id;
        then(command, rules, now);
        db.Commands.Add(command);
        await db.SaveChangesAsync(Ct);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await _admin.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString() ?? "";
}
