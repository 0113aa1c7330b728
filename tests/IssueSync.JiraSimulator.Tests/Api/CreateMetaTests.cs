using System.Text.Json;
using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Api;

/// <summary>Create metadata, docs/atlassian-api.md §3.</summary>
public sealed class CreateMetaTests
{
    [Fact]
    public async Task The_deprecated_createmeta_endpoint_is_404()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using var response = await sim.GetAsync("issue/createmeta?projectKeys=OPS&expand=projects.issuetypes.fields", tokens.AccessToken);
        await response.AssertStatusAsync(404);
        var json = await response.JsonAsync();
        Assert.Contains("CHANGE-1304", json.GetProperty("errorMessages")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_types_are_paginated_with_the_configured_page_size()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.CreateMetaMaxPageSize = 2);
        var tokens = await sim.ConnectAsync();

        var (starts, items, totals) = await FollowPagesAsync(sim, tokens, "issue/createmeta/OPS/issuetypes", "issueTypes");

        Assert.Equal([0, 2], starts);
        Assert.Equal([3, 3], totals);
        Assert.Equal(["Bug", "Task", "Story"], items.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal([DefaultSeed.Bug, DefaultSeed.Task, DefaultSeed.Story], items.Select(i => i.GetProperty("id").GetString()));
        Assert.All(items, i => Assert.False(i.TryGetProperty("scope", out _)));
    }

    [Fact]
    public async Task Fields_are_paginated_with_the_configured_page_size()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.CreateMetaMaxPageSize = 2);
        var tokens = await sim.ConnectAsync();

        var (starts, items, totals) = await FollowPagesAsync(sim, tokens, $"issue/createmeta/OPS/issuetypes/{DefaultSeed.Bug}", "fields");

        Assert.Equal([0, 2, 4, 6, 8, 10], starts);
        Assert.All(totals, t => Assert.Equal(11, t));
        Assert.Equal(
            ["issuetype", "project", "summary", "description", "priority", "components", "labels", "duedate", "assignee", DefaultSeed.Severity, DefaultSeed.RootCause],
            items.Select(i => i.GetProperty("fieldId").GetString()));
    }

    [Fact]
    public async Task A_larger_page_is_capped_and_maxResults_over_200_is_400()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.CreateMetaMaxPageSize = 3);
        var tokens = await sim.ConnectAsync();
        using (var capped = await sim.GetAsync($"issue/createmeta/OPS/issuetypes/{DefaultSeed.Bug}?maxResults=200", tokens.AccessToken))
        {
            var json = await capped.JsonAsync();
            Assert.Equal(3, json.GetProperty("maxResults").GetInt32());
            Assert.Equal(3, json.GetProperty("fields").GetArrayLength());
        }

        foreach (var path in new[] { "issue/createmeta/OPS/issuetypes?maxResults=201", $"issue/createmeta/OPS/issuetypes/{DefaultSeed.Bug}?maxResults=201" })
        {
            using var tooMany = await sim.GetAsync(path, tokens.AccessToken);
            await tooMany.AssertBodyAsync(400, """{"errorMessages":["Parameter 'maxResults' must not exceed the limit '200'"],"errors":{}}""");
        }
    }

    [Fact]
    public async Task Severity_has_Jira_s_field_shape()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using var response = await sim.GetAsync($"issue/createmeta/OPS/issuetypes/{DefaultSeed.Bug}", tokens.AccessToken);
        var fields = (await response.JsonAsync()).GetProperty("fields").EnumerateArray().ToList();
        var severity = fields.Single(f => f.GetProperty("fieldId").GetString() == DefaultSeed.Severity);
        var baseUrl = sim.Host.BaseUrl.ToString().TrimEnd('/');

        var expected = $$"""
            {"required":true,
             "schema":{"type":"option","custom":"com.atlassian.jira.plugin.system.customfieldtypes:select","customId":10050},
             "name":"Severity","key":"customfield_10050","fieldId":"customfield_10050","hasDefaultValue":false,"operations":["set"],
             "allowedValues":[
               {"self":"{{baseUrl}}/ex/jira/{{DefaultSeed.Acme}}/rest/api/3/customFieldOption/10300","value":"Sev1","id":"10300"},
               {"self":"{{baseUrl}}/ex/jira/{{DefaultSeed.Acme}}/rest/api/3/customFieldOption/10301","value":"Sev2","id":"10301"},
               {"self":"{{baseUrl}}/ex/jira/{{DefaultSeed.Acme}}/rest/api/3/customFieldOption/10302","value":"Sev3","id":"10302"}]}
            """;
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected), System.Text.Json.Nodes.JsonNode.Parse(severity.GetRawText())), severity.GetRawText());

        var components = fields.Single(f => f.GetProperty("fieldId").GetString() == "components");
        Assert.Equal("array", components.GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("component", components.GetProperty("schema").GetProperty("items").GetString());
        Assert.Equal(["Backend", "Frontend", "Infra"], components.GetProperty("allowedValues").EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        var priority = fields.Single(f => f.GetProperty("fieldId").GetString() == "priority");
        Assert.True(priority.GetProperty("hasDefaultValue").GetBoolean());
        Assert.Equal("Medium", priority.GetProperty("defaultValue").GetProperty("name").GetString());
        Assert.Equal(["Highest", "High", "Medium", "Low", "Lowest"], priority.GetProperty("allowedValues").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Team_managed_issue_types_are_project_scoped_and_have_no_components_field()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using var types = await sim.GetAsync("issue/createmeta/TEAM/issuetypes", tokens.AccessToken);
        var list = (await types.JsonAsync()).GetProperty("issueTypes").EnumerateArray().ToList();
        Assert.Equal([DefaultSeed.TeamTask, DefaultSeed.TeamBug, "10102"], list.Select(t => t.GetProperty("id").GetString()));
        Assert.All(list, t =>
        {
            Assert.Equal("PROJECT", t.GetProperty("scope").GetProperty("type").GetString());
            Assert.Equal("10001", t.GetProperty("scope").GetProperty("project").GetProperty("id").GetString());
        });

        using var fields = await sim.GetAsync($"issue/createmeta/TEAM/issuetypes/{DefaultSeed.TeamTask}", tokens.AccessToken);
        var ids = (await fields.JsonAsync()).GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("fieldId").GetString()).ToList();
        Assert.DoesNotContain("components", ids);
        Assert.Contains("summary", ids);
    }

    [Fact]
    public async Task A_global_issue_type_is_not_valid_for_a_team_managed_project()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using var response = await sim.GetAsync($"issue/createmeta/TEAM/issuetypes/{DefaultSeed.Bug}", tokens.AccessToken);
        await response.AssertBodyAsync(404, """{"errorMessages":["The issue type with id '10004' does not exist or is not valid for project 'TEAM'."],"errors":{}}""");
    }

    [Fact]
    public async Task Projects_without_create_permission_are_filtered_and_unknown_projects_are_404()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using var locked = await sim.GetAsync("issue/createmeta/LOCKED/issuetypes", tokens.AccessToken);
        await locked.AssertBodyAsync(200, """{"maxResults":50,"startAt":0,"total":0,"issueTypes":[]}""");

        using var unknown = await sim.GetAsync("issue/createmeta/NOPE/issuetypes", tokens.AccessToken);
        await unknown.AssertBodyAsync(404, """{"errorMessages":["No project could be found with key 'NOPE'."],"errors":{}}""");
    }

    [Fact]
    public async Task Projects_can_be_addressed_by_id()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using var response = await sim.GetAsync("issue/createmeta/10000/issuetypes", tokens.AccessToken);
        Assert.Equal(3, (await response.JsonAsync()).GetProperty("total").GetInt32());
    }

    private static async Task<(List<int> Starts, List<JsonElement> Items, List<int> Totals)> FollowPagesAsync(TestSimulator sim, Tokens tokens, string path, string property)
    {
        var starts = new List<int>();
        var totals = new List<int>();
        var items = new List<JsonElement>();
        var startAt = 0;
        for (var guard = 0; guard < 50; guard++)
        {
            using var response = await sim.GetAsync($"{path}?startAt={startAt}&maxResults=50", tokens.AccessToken);
            await response.AssertStatusAsync(200);
            var page = await response.JsonAsync();
            Assert.Equal(2, page.GetProperty("maxResults").GetInt32());
            starts.Add(page.GetProperty("startAt").GetInt32());
            totals.Add(page.GetProperty("total").GetInt32());
            var pageItems = page.GetProperty(property).EnumerateArray().ToList();
            items.AddRange(pageItems);
            startAt += pageItems.Count;
            if (pageItems.Count == 0 || startAt >= page.GetProperty("total").GetInt32())
            {
                return (starts, items, totals);
            }
        }

        throw new InvalidOperationException("Pagination did not end.");
    }
}
