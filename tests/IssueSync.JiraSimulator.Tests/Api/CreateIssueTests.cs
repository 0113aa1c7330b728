using System.Text.Json;
using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Api;

/// <summary><c>POST /rest/api/3/issue</c>, docs/atlassian-api.md §4.</summary>
public sealed class CreateIssueTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;
    private Tokens _tokens = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _tokens = await _sim.ConnectAsync();
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private static object Adf(params object[] content) => new { version = 1, type = "doc", content };

    private static object Paragraph(string text) => new { type = "paragraph", content = new[] { new { type = "text", text } } };

    private Task<HttpResponseMessage> CreateAsync(Dictionary<string, object?> fields, object? properties = null) =>
        _sim.CreateIssueAsync(_tokens.AccessToken, fields, properties: properties);

    private static Dictionary<string, object?> OpsBug(string summary = "Checkout returns 500") => new()
    {
        ["project"] = new { key = "OPS" },
        ["issuetype"] = new { id = DefaultSeed.Bug },
        ["summary"] = summary,
        [DefaultSeed.Severity] = new { value = "Sev2" },
    };

    private static Dictionary<string, object?> With(Dictionary<string, object?> fields, string key, object? value)
    {
        fields[key] = value;
        return fields;
    }

    [Fact]
    public async Task A_valid_issue_is_201_with_id_key_and_self()
    {
        var fields = OpsBug();
        fields["description"] = Adf(Paragraph("Steps to reproduce"));
        fields["priority"] = new { name = "High" };
        fields["components"] = new[] { new { name = "Backend" } };
        fields["labels"] = new[] { "issuesync-7f3c", "checkout" };
        fields["duedate"] = "2026-04-01";
        fields["assignee"] = new { accountId = DefaultSeed.AccountId };
        fields[DefaultSeed.RootCause] = Adf(Paragraph("Bad deploy"));
        using var response = await CreateAsync(fields);

        var baseUrl = _sim.Host.BaseUrl.ToString().TrimEnd('/');
        await response.AssertBodyAsync(201, $$"""{"id":"10000","key":"OPS-1","self":"{{baseUrl}}/ex/jira/{{DefaultSeed.Acme}}/rest/api/3/issue/10000"}""");
        var issue = Assert.Single(_sim.Host.State.Issues.All());
        Assert.Equal(["issuesync-7f3c", "checkout"], issue.Labels);
        Assert.Equal("High", issue.Fields.GetProperty("priority").GetProperty("name").GetString());
        Assert.Equal("Sev2", issue.Fields.GetProperty(DefaultSeed.Severity).GetProperty("value").GetString());
        Assert.Equal(DefaultSeed.AccountId, issue.CreatedBy);
        Assert.Equal(TestSimulator.Start, issue.CreatedAt);
    }

    [Fact]
    public async Task Keys_increment_per_project_and_ids_per_site()
    {
        var keys = new List<string>();
        foreach (var fields in new[]
                 {
                     TestSimulator.OpsTask("a"), TestSimulator.OpsTask("b"),
                     new Dictionary<string, object?> { ["project"] = new { key = "TEAM" }, ["issuetype"] = new { id = DefaultSeed.TeamTask }, ["summary"] = "c" },
                     TestSimulator.OpsTask("d"),
                 })
        {
            using var response = await CreateAsync(fields);
            await response.AssertStatusAsync(201);
            var json = await response.JsonAsync();
            keys.Add(json.GetProperty("id").GetString() + " " + json.GetProperty("key").GetString());
        }

        Assert.Equal(["10000 OPS-1", "10001 OPS-2", "10002 TEAM-1", "10003 OPS-3"], keys);

        using var labs = await _sim.CreateIssueAsync(
            _tokens.AccessToken,
            new Dictionary<string, object?> { ["project"] = new { key = "LAB" }, ["issuetype"] = new { id = DefaultSeed.Task }, ["summary"] = "e" },
            DefaultSeed.AcmeLabs);
        Assert.Equal("LAB-1", (await labs.JsonAsync()).GetProperty("key").GetString());
    }

    [Fact]
    public async Task Properties_are_stored_and_readable()
    {
        using var response = await CreateAsync(TestSimulator.OpsTask(), new[] { new { key = "issuesync.request", value = new { id = "7f3c" } } });
        await response.AssertStatusAsync(201);
        using var property = await _sim.GetAsync("issue/OPS-1/properties/issuesync.request", _tokens.AccessToken);
        await property.AssertBodyAsync(200, """{"key":"issuesync.request","value":{"id":"7f3c"}}""");
        Assert.Equal("7f3c", _sim.Host.State.Issues.All()[0].Properties["issuesync.request"].GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_created_issue_can_be_read_back()
    {
        using var created = await CreateAsync(TestSimulator.OpsTask("Read me", "x1"));
        await created.AssertStatusAsync(201);
        using var read = await _sim.GetAsync("issue/OPS-1?fields=summary,labels,priority", _tokens.AccessToken);
        var json = await read.JsonAsync();
        Assert.Equal("OPS-1", json.GetProperty("key").GetString());
        Assert.Equal("Read me", json.GetProperty("fields").GetProperty("summary").GetString());
        Assert.Equal("Medium", json.GetProperty("fields").GetProperty("priority").GetProperty("name").GetString());
        Assert.False(json.GetProperty("fields").TryGetProperty("project", out _));

        using var missing = await _sim.GetAsync("issue/OPS-99", _tokens.AccessToken);
        await missing.AssertBodyAsync(404, """{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}""");
    }

    public static TheoryData<string, string> FieldErrors => new()
    {
        { """{"summary":null}""", """{"errorMessages":[],"errors":{"summary":"You must specify a summary of the issue."}}""" },
        { """{"summary":"  "}""", """{"errorMessages":[],"errors":{"summary":"You must specify a summary of the issue."}}""" },
        { $$"""{"summary":"{{new string('x', 256)}}"}""", """{"errorMessages":[],"errors":{"summary":"Summary must be less than 255 characters."}}""" },
        { """{"summary":"line one\nline two"}""", """{"errorMessages":[],"errors":{"summary":"The summary is invalid because it contains newline characters."}}""" },
        { """{"description":"plain text"}""", """{"errorMessages":[],"errors":{"description":"Operation value must be an Atlassian Document (see the Atlassian Document Format)"}}""" },
        { """{"priority":{"name":"Urgent"}}""", """{"errorMessages":[],"errors":{"priority":"The priority selected is invalid."}}""" },
        { """{"priority":{"id":"99"}}""", """{"errorMessages":[],"errors":{"priority":"The priority selected is invalid."}}""" },
        { """{"components":[{"name":"Mobile"}]}""", """{"errorMessages":[],"errors":{"components":"Component name 'Mobile' is not valid"}}""" },
        { """{"components":[{"id":"99999"}]}""", """{"errorMessages":[],"errors":{"components":"Component with id '99999' does not exist."}}""" },
        { """{"components":["Backend"]}""", """{"errorMessages":[],"errors":{"components":"expected Object"}}""" },
        { """{"labels":["Test Application"]}""", """{"errorMessages":[],"errors":{"labels":"The label 'Test Application' contains spaces which is invalid."}}""" },
        { """{"labels":"solo"}""", """{"errorMessages":[],"errors":{"labels":"data was not an array"}}""" },
        { """{"duedate":"2026/04/01"}""", """{"errorMessages":[],"errors":{"duedate":"Error parsing date string: 2026/04/01"}}""" },
        { """{"assignee":{"accountId":"nobody"}}""", """{"errorMessages":[],"errors":{"assignee":"Specified user does not exist or you do not have required permissions"}}""" },
        { """{"customfield_10050":null}""", """{"errorMessages":[],"errors":{"customfield_10050":"Severity is required."}}""" },
        { """{"customfield_10050":{"value":"Sev9"}}""", """{"errorMessages":[],"errors":{"customfield_10050":"Option value 'Sev9' is not valid"}}""" },
        { """{"customfield_10050":{"id":"1"}}""", """{"errorMessages":[],"errors":{"customfield_10050":"Option id '1' is not valid"}}""" },
        { """{"customfield_10050":"Sev1"}""", """{"errorMessages":[],"errors":{"customfield_10050":"Could not find valid 'id' or 'value' in the Parent Option object."}}""" },
        { """{"reporter":{"accountId":"5b10ac8d82e05b22cc7d4ef5"}}""", """{"errorMessages":[],"errors":{"reporter":"Field 'reporter' cannot be set. It is not on the appropriate screen, or unknown."}}""" },
        { """{"customfield_99999":"x"}""", """{"errorMessages":[],"errors":{"customfield_99999":"Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown."}}""" },
    };

    [Theory]
    [MemberData(nameof(FieldErrors))]
    public async Task Field_errors_use_Jira_s_messages(string overrides, string expected)
    {
        var fields = OpsBug();
        foreach (var property in JsonDocument.Parse(overrides).RootElement.EnumerateObject())
        {
            fields[property.Name] = property.Value.Clone();
        }

        using var response = await CreateAsync(fields);
        await response.AssertBodyAsync(400, expected);
        Assert.Equal(0, _sim.Host.State.Issues.Count);
    }

    [Fact]
    public async Task Several_field_errors_come_back_together()
    {
        var fields = OpsBug("");
        fields.Remove(DefaultSeed.Severity);
        fields["labels"] = new[] { "a b" };
        using var response = await CreateAsync(fields);
        await response.AssertBodyAsync(400, """
            {"errorMessages":[],"errors":{
              "summary":"You must specify a summary of the issue.",
              "labels":"The label 'a b' contains spaces which is invalid.",
              "customfield_10050":"Severity is required."}}
            """);
    }

    [Fact]
    public async Task Unknown_project_and_issue_types()
    {
        using (var project = await CreateAsync(With(TestSimulator.OpsTask(), "project", new { key = "NOPE" })))
        {
            await project.AssertBodyAsync(400, """{"errorMessages":[],"errors":{"project":"valid project is required"}}""");
        }

        using (var missingType = await CreateAsync(With(TestSimulator.OpsTask(), "issuetype", null)))
        {
            await missingType.AssertBodyAsync(400, """{"errorMessages":[],"errors":{"issuetype":"Specify an issue type"}}""");
        }

        using var unknownType = await CreateAsync(With(TestSimulator.OpsTask(), "issuetype", new { id = "424242" }));
        await unknownType.AssertBodyAsync(400, """{"errorMessages":[],"errors":{"issuetype":"The issue type selected is invalid."}}""");
    }

    [Fact]
    public async Task A_global_issue_type_id_is_rejected_in_a_team_managed_project()
    {
        var fields = new Dictionary<string, object?> { ["project"] = new { key = "TEAM" }, ["issuetype"] = new { id = DefaultSeed.Task }, ["summary"] = "x" };
        using var response = await CreateAsync(fields);
        await response.AssertBodyAsync(400, """{"errorMessages":[],"errors":{"issuetype":"The issue type selected is invalid."}}""");
    }

    [Fact]
    public async Task Components_are_rejected_in_a_team_managed_project()
    {
        var fields = new Dictionary<string, object?>
        {
            ["project"] = new { key = "TEAM" },
            ["issuetype"] = new { id = DefaultSeed.TeamTask },
            ["summary"] = "x",
            ["components"] = new[] { new { name = "Backend" } },
        };
        using var response = await CreateAsync(fields);
        await response.AssertBodyAsync(400, """{"errorMessages":[],"errors":{"components":"Field 'components' cannot be set. It is not on the appropriate screen, or unknown."}}""");
    }

    [Fact]
    public async Task Without_create_permission_every_field_cannot_be_set()
    {
        var fields = new Dictionary<string, object?>
        {
            ["project"] = new { key = "LOCKED" },
            ["issuetype"] = new { id = DefaultSeed.Task },
            ["summary"] = "x",
            ["labels"] = new[] { "a" },
        };
        using var response = await CreateAsync(fields);
        await response.AssertBodyAsync(400, """
            {"errorMessages":[],"errors":{
              "summary":"Field 'summary' cannot be set. It is not on the appropriate screen, or unknown.",
              "labels":"Field 'labels' cannot be set. It is not on the appropriate screen, or unknown."}}
            """);
    }

    [Fact]
    public async Task A_required_component_missing_gives_please_provide_component()
    {
        var seed = Seed.SeedLoader.LoadDefault();
        var site = seed.Sites[0];
        var ops = site.Projects[0];
        var task = ops.IssueTypes.Single(t => t.Id == DefaultSeed.Task);
        var requiredComponents = task with { Fields = [.. task.Fields.Select(f => f.Id == "components" ? f with { Required = true } : f)] };
        var changed = seed with
        {
            Sites = [site with { Projects = [ops with { IssueTypes = [.. ops.IssueTypes.Select(t => t.Id == task.Id ? requiredComponents : t)] }, .. site.Projects.Skip(1)] }, .. seed.Sites.Skip(1)],
        };
        await _sim.Host.Admin.LoadSeedAsync(changed, TestContext.Current.CancellationToken);
        _tokens = await _sim.ConnectAsync();

        using var response = await CreateAsync(TestSimulator.OpsTask());
        await response.AssertBodyAsync(400, """{"errorMessages":["Please provide Component"],"errors":{}}""");
    }

    [Fact]
    public async Task Update_set_operations_are_accepted()
    {
        var body = new
        {
            fields = new { project = new { key = "OPS" }, issuetype = new { id = DefaultSeed.Task }, summary = "via update" },
            update = new { labels = new[] { new { set = new[] { "from-update" } } } },
        };
        using var response = await _sim.ApiAsync(HttpMethod.Post, "issue", _tokens.AccessToken, body);
        await response.AssertStatusAsync(201);
        Assert.Equal(["from-update"], _sim.Host.State.Issues.All()[0].Labels);
    }

    [Fact]
    public async Task Update_add_operations_are_applied_as_Jira_does()
    {
        var body = new
        {
            fields = new { project = new { key = "OPS" }, issuetype = new { id = DefaultSeed.Task } },
            update = new Dictionary<string, object>
            {
                ["summary"] = new[] { new { set = "via update" } },
                ["labels"] = new object[] { new { add = "x" }, new { add = "y" }, new { add = "x" } },
                ["components"] = new object[] { new { add = new { name = "Backend" } }, new { add = new { id = "10202" } } },
            },
        };
        using var response = await _sim.ApiAsync(HttpMethod.Post, "issue", _tokens.AccessToken, body);
        await response.AssertStatusAsync(201);
        var issue = Assert.Single(_sim.Host.State.Issues.All());
        Assert.Equal("via update", issue.Summary);
        Assert.Equal(["x", "y"], issue.Labels);
        Assert.Equal(["Backend", "Infra"], issue.Fields.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Update_operations_apply_in_order_set_add_remove()
    {
        var body = new
        {
            fields = new { project = new { key = "OPS" }, issuetype = new { id = DefaultSeed.Task }, summary = "ops in order" },
            update = new
            {
                labels = new object[] { new { set = new[] { "a", "b" } }, new { add = "c" }, new { remove = "a" } },
                components = new object[] { new { add = new { name = "Backend" } }, new { add = new { name = "Frontend" } }, new { remove = new { name = "Backend" } } },
            },
        };
        using var response = await _sim.ApiAsync(HttpMethod.Post, "issue", _tokens.AccessToken, body);
        await response.AssertStatusAsync(201);
        var issue = Assert.Single(_sim.Host.State.Issues.All());
        Assert.Equal(["b", "c"], issue.Labels);
        Assert.Equal(["Frontend"], issue.Fields.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Update_values_get_the_same_checks_and_unsupported_operations_Jira_s_message()
    {
        var body = new
        {
            fields = new { project = new { key = "OPS" }, issuetype = new { id = DefaultSeed.Task }, summary = "x" },
            update = new
            {
                labels = new object[] { new { add = "has space" } },
                duedate = new object[] { new { add = "2026-01-01" } },
                reporter = new object[] { new { set = new { accountId = DefaultSeed.AccountId } } },
            },
        };
        using var response = await _sim.ApiAsync(HttpMethod.Post, "issue", _tokens.AccessToken, body);
        await response.AssertBodyAsync(400, """
            {"errorMessages":["Field with id' duedate' and name 'Due date' does not support operation 'add' Supported operation(s) are: 'set'"],
             "errors":{
               "labels":"The label 'has space' contains spaces which is invalid.",
               "reporter":"Field 'reporter' cannot be set. It is not on the appropriate screen, or unknown."}}
            """);
        Assert.Equal(0, _sim.Host.State.Issues.Count);
    }

    [Fact]
    public async Task A_field_in_both_fields_and_update_is_refused()
    {
        var body = new
        {
            fields = new { project = new { key = "OPS" }, issuetype = new { id = DefaultSeed.Task }, summary = "x", labels = new[] { "a" } },
            update = new { labels = new object[] { new { add = "b" } } },
        };
        using var response = await _sim.ApiAsync(HttpMethod.Post, "issue", _tokens.AccessToken, body);
        await response.AssertBodyAsync(400, """{"errorMessages":[],"errors":{"labels":"Field 'labels' cannot be set in both 'fields' and 'update'."}}""");
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        using var response = await _sim.ApiAsync(HttpMethod.Post, "issue", _tokens.AccessToken, "{\"fields\":");
        await response.AssertStatusAsync(400);
        Assert.Equal(0, _sim.Host.State.Issues.Count);
    }
}
