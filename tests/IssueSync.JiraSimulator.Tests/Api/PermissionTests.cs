using IssueSync.JiraSimulator.Seed;
using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Api;

/// <summary>
/// Per-user permissions of the seed: what each user may browse and create, and what their create screen shows
/// (docs/atlassian-api.md §3.2, §4.1, §4.3). The default seed's second user of acme differs from the demo user.
/// </summary>
public sealed class PermissionTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;
    private Tokens _demo = null!;
    private Tokens _limited = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _demo = await _sim.ConnectAsync();
        _limited = await _sim.ConnectAsync(loginHint: DefaultSeed.LimitedAccountId);
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private static Dictionary<string, object?> TeamTask(string summary = "x") =>
        new() { ["project"] = new { key = "TEAM" }, ["issuetype"] = new { id = DefaultSeed.TeamTask }, ["summary"] = summary };

    private async Task<string[]> FieldIdsAsync(Tokens tokens, string project, string issueType)
    {
        using var response = await _sim.GetAsync($"issue/createmeta/{project}/issuetypes/{issueType}", tokens.AccessToken);
        await response.AssertStatusAsync(200);
        return [.. (await response.JsonAsync()).GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("fieldId").GetString()!)];
    }

    [Fact]
    public async Task Createmeta_shows_each_user_their_own_screen()
    {
        Assert.Contains("priority", await FieldIdsAsync(_demo, "OPS", DefaultSeed.Task));
        var limited = await FieldIdsAsync(_limited, "OPS", DefaultSeed.Task);
        Assert.DoesNotContain("priority", limited);
        Assert.Equal(["issuetype", "project", "summary", "description", "components", "labels", "duedate", "assignee"], limited);
    }

    [Fact]
    public async Task A_project_without_browse_is_invisible_404_as_Jira_answers()
    {
        using (var demo = await _sim.GetAsync("issue/createmeta/TEAM/issuetypes", _demo.AccessToken))
        {
            await demo.AssertStatusAsync(200);
        }

        const string notFound = """{"errorMessages":["No project could be found with key 'TEAM'."],"errors":{}}""";
        using (var types = await _sim.GetAsync("issue/createmeta/TEAM/issuetypes", _limited.AccessToken))
        {
            await types.AssertBodyAsync(404, notFound);
        }

        using (var fields = await _sim.GetAsync($"issue/createmeta/TEAM/issuetypes/{DefaultSeed.TeamTask}", _limited.AccessToken))
        {
            await fields.AssertBodyAsync(404, notFound);
        }

        using (var byId = await _sim.GetAsync("project/10001", _limited.AccessToken))
        {
            await byId.AssertBodyAsync(404, """{"errorMessages":["No project could be found with key '10001'."],"errors":{}}""");
        }

        using var create = await _sim.CreateIssueAsync(_limited.AccessToken, TeamTask());
        await create.AssertBodyAsync(400, """{"errorMessages":[],"errors":{"project":"valid project is required"}}""");
    }

    [Fact]
    public async Task A_field_missing_from_the_user_s_screen_cannot_be_set()
    {
        var fields = TestSimulator.OpsTask();
        fields["priority"] = new { name = "High" };
        using (var demo = await _sim.CreateIssueAsync(_demo.AccessToken, fields))
        {
            await demo.AssertStatusAsync(201);
        }

        using (var limited = await _sim.CreateIssueAsync(_limited.AccessToken, fields))
        {
            await limited.AssertBodyAsync(400, """{"errorMessages":[],"errors":{"priority":"Field 'priority' cannot be set. It is not on the appropriate screen, or unknown."}}""");
        }

        // Without priority the limited user creates; the site's default priority still applies.
        using var created = await _sim.CreateIssueAsync(_limited.AccessToken, TestSimulator.OpsTask("by the limited user"));
        await created.AssertStatusAsync(201);
        var issue = _sim.Host.State.Issues.All()[^1];
        Assert.Equal(DefaultSeed.LimitedAccountId, issue.CreatedBy);
        Assert.Equal("Medium", issue.Fields.GetProperty("priority").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Issues_of_a_project_the_user_cannot_browse_are_not_found_or_searched()
    {
        using (var created = await _sim.CreateIssueAsync(_demo.AccessToken, TeamTask("team secret")))
        {
            await created.AssertStatusAsync(201);
        }

        _sim.Time.Advance(TimeSpan.FromSeconds(2));
        using (var get = await _sim.GetAsync("issue/TEAM-1", _limited.AccessToken))
        {
            await get.AssertBodyAsync(404, """{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}""");
        }

        using (var property = await _sim.ApiAsync(HttpMethod.Put, "issue/TEAM-1/properties/p", _limited.AccessToken, new { x = 1 }))
        {
            await property.AssertStatusAsync(404);
        }

        using (var search = await _sim.SearchAsync(_limited.AccessToken, new { jql = "summary ~ secret" }))
        {
            await search.AssertBodyAsync(200, """{"issues":[],"isLast":true}""");
        }

        using (var byProject = await _sim.SearchAsync(_limited.AccessToken, new { jql = "project = TEAM" }))
        {
            await byProject.AssertBodyAsync(400, """{"errorMessages":["The value 'TEAM' does not exist for the field 'project'."],"errors":{}}""");
        }

        using var demo = await _sim.SearchAsync(_demo.AccessToken, new { jql = "project = TEAM" });
        await demo.AssertBodyAsync(200, """{"issues":[{"id":"10000"}],"isLast":true}""");
    }

    [Fact]
    public async Task Users_without_an_entry_keep_the_project_defaults_and_an_entry_can_grant_more()
    {
        // LOCKED: browsable, no Create permission for everyone...
        using (var locked = await _sim.GetAsync("issue/createmeta/LOCKED/issuetypes", _limited.AccessToken))
        {
            await locked.AssertBodyAsync(200, """{"maxResults":50,"startAt":0,"total":0,"issueTypes":[]}""");
        }

        // ...unless a user's entry grants it.
        await _sim.Host.Admin.AddUserAsync(new SeedUser
        {
            AccountId = "lead-1",
            DisplayName = "Lead",
            Sites = [DefaultSeed.Acme],
            Permissions = [new SeedProjectAccess { CloudId = DefaultSeed.Acme, Project = "LOCKED", CanCreate = true }],
        }, TestContext.Current.CancellationToken);
        var lead = await _sim.Host.Admin.IssueTokensAsync("lead-1", ct: TestContext.Current.CancellationToken);
        var fields = new Dictionary<string, object?> { ["project"] = new { key = "LOCKED" }, ["issuetype"] = new { id = DefaultSeed.Task }, ["summary"] = "lead only" };
        using (var byLead = await _sim.CreateIssueAsync(lead.AccessToken, fields))
        {
            await byLead.AssertStatusAsync(201);
        }

        using var byDemo = await _sim.CreateIssueAsync(_demo.AccessToken, fields);
        await byDemo.AssertBodyAsync(400, """{"errorMessages":[],"errors":{"summary":"Field 'summary' cannot be set. It is not on the appropriate screen, or unknown."}}""");
    }

    [Fact]
    public async Task Bad_permissions_on_an_added_user_are_refused()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => _sim.Host.Admin.AddUserAsync(new SeedUser
        {
            AccountId = "bad-1",
            DisplayName = "Bad",
            Sites = [DefaultSeed.Acme],
            Permissions = [new SeedProjectAccess { CloudId = DefaultSeed.Acme, Project = "OPS", HiddenFields = ["colour"] }],
        }, TestContext.Current.CancellationToken));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("hidden field 'colour' is not a field of the site", error.Message, StringComparison.Ordinal);
    }
}
