using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssueSync.Jira.Errors;
using IssueSync.Jira.Tests.Support;

namespace IssueSync.Jira.Tests.Rest;

public sealed class JiraCloudClientReadTests
{
    private const string Base = $"https://api.example.test/ex/jira/{TestClients.CloudId}/rest/api/3";
    private static readonly CancellationToken None = CancellationToken.None;

    private static string IssueTypesPage(int startAt, int total, params string[] names) => new JsonObject
    {
        ["issueTypes"] = new JsonArray([.. names.Select((n, i) => (JsonNode)new JsonObject
        {
            ["id"] = (100 + startAt + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = n,
            ["subtask"] = n == "Sub-task",
            ["hierarchyLevel"] = n == "Sub-task" ? -1 : 0,
            ["scope"] = new JsonObject { ["type"] = "PROJECT", ["project"] = new JsonObject { ["id"] = "10000" } },
        })]),
        ["maxResults"] = 2,
        ["startAt"] = startAt,
        ["total"] = total,
    }.ToJsonString();

    private static int StartAt(RecordedRequest request) =>
        int.Parse(System.Web.HttpUtility.ParseQueryString(request.Uri.Query)["startAt"]!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task GetCreateMetaIssueTypesAsync_follows_every_page()
    {
        var handler = new FakeHttpHandler(request => StartAt(request) switch
        {
            0 => FakeHttpHandler.Json(200, IssueTypesPage(0, 5, "Bug", "Task")),
            2 => FakeHttpHandler.Json(200, IssueTypesPage(2, 5, "Story", "Epic")),
            _ => FakeHttpHandler.Json(200, IssueTypesPage(4, 5, "Sub-task")),
        });

        var result = await TestClients.Jira(handler, configure: o => o.CreateMetaPageSize = 2).GetCreateMetaIssueTypesAsync(TestClients.Context, "ED", None);

        Assert.True(result.IsSuccess);
        Assert.Equal(["Bug", "Task", "Story", "Epic", "Sub-task"], result.Value.Select(t => t.Name));
        Assert.Equal([0, 2, 4], handler.Requests.Select(StartAt));
        Assert.All(handler.Requests, r =>
        {
            Assert.Equal(HttpMethod.Get, r.Method);
            Assert.Null(r.Body);
            Assert.Equal($"{Base}/issue/createmeta/ED/issuetypes", r.Uri.GetLeftPart(UriPartial.Path));
            Assert.Contains("maxResults=2", r.Uri.Query);
        });
        var subtask = result.Value[^1];
        Assert.True(subtask.Subtask);
        Assert.Equal(-1, subtask.HierarchyLevel);
        Assert.Equal("PROJECT", subtask.ScopeType);
        Assert.Equal("10000", subtask.ScopeProjectId);
    }

    [Fact]
    public async Task GetCreateMetaIssueTypesAsync_never_uses_the_deprecated_expand_endpoint()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(200, IssueTypesPage(0, 1, "Bug")));

        await TestClients.Jira(handler).GetCreateMetaIssueTypesAsync(TestClients.Context, "ED", None);

        Assert.DoesNotContain("expand", handler.Requests[0].Uri.AbsoluteUri);
        Assert.DoesNotMatch("/issue/createmeta$", handler.Requests[0].Uri.AbsolutePath);
    }

    [Fact]
    public async Task GetCreateMetaIssueTypesAsync_stops_on_an_empty_page_even_when_total_says_more()
    {
        var handler = new FakeHttpHandler(request => StartAt(request) == 0
            ? FakeHttpHandler.Json(200, IssueTypesPage(0, 10, "Bug", "Task"))
            : FakeHttpHandler.Json(200, """{"issueTypes":[],"startAt":2,"maxResults":2,"total":10}"""));

        var result = await TestClients.Jira(handler, configure: o => o.CreateMetaPageSize = 2).GetCreateMetaIssueTypesAsync(TestClients.Context, "ED", None);

        Assert.Equal(2, result.Value!.Count);
        Assert.Equal([0, 2], handler.Requests.Select(StartAt));
    }

    [Fact]
    public async Task GetCreateMetaFieldsAsync_follows_every_page_and_types_the_fields()
    {
        var pages = new Dictionary<int, string>
        {
            [0] = """
                {"fields":[
                  {"fieldId":"summary","key":"summary","name":"Summary","required":true,"hasDefaultValue":false,"operations":["set"],"schema":{"type":"string","system":"summary"}},
                  {"fieldId":"priority","key":"priority","name":"Priority","required":false,"hasDefaultValue":true,"operations":["set"],"schema":{"type":"priority","system":"priority"},
                   "allowedValues":[{"self":"x","id":"1","name":"Highest"},{"id":"3","name":"Medium"}]}
                ],"maxResults":2,"startAt":0,"total":3}
                """,
            [2] = """
                {"fields":[
                  {"fieldId":"customfield_10050","key":"customfield_10050","name":"Severity","required":true,"hasDefaultValue":false,"operations":["set"],
                   "schema":{"type":"option","custom":"com.atlassian.jira.plugin.system.customfieldtypes:select","customId":10050},
                   "allowedValues":[{"id":"10112","value":"Sev 1"}]}
                ],"maxResults":2,"startAt":2,"total":3}
                """,
        };
        var handler = new FakeHttpHandler(request => FakeHttpHandler.Json(200, pages[StartAt(request)]));

        var result = await TestClients.Jira(handler, configure: o => o.CreateMetaPageSize = 2)
            .GetCreateMetaFieldsAsync(TestClients.Context, "ED", "10001", None);

        Assert.True(result.IsSuccess);
        Assert.Equal(["summary", "priority", "customfield_10050"], result.Value.Select(f => f.FieldId));
        Assert.Equal([0, 2], handler.Requests.Select(StartAt));
        Assert.Equal($"{Base}/issue/createmeta/ED/issuetypes/10001", handler.Requests[0].Uri.GetLeftPart(UriPartial.Path));
        var priority = result.Value[1];
        Assert.True(priority.HasDefaultValue);
        Assert.Equal(["set"], priority.Operations);
        Assert.Equal("priority", priority.Schema.System);
        Assert.Equal(["Highest", "Medium"], priority.AllowedValues.Select(v => v.Name));
        Assert.Equal("x", priority.AllowedValues[0].Raw.GetProperty("self").GetString());
        var severity = result.Value[2];
        Assert.True(severity.Required);
        Assert.Equal(new("option", null, null, "com.atlassian.jira.plugin.system.customfieldtypes:select", 10050), severity.Schema);
        Assert.Equal("Sev 1", severity.AllowedValues[0].Value);
        Assert.Equal(JsonValueKind.Object, severity.AllowedValues[0].Raw.ValueKind);
    }

    [Fact]
    public async Task GetCreateMetaFieldsAsync_reads_results_when_fields_is_absent()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(200,
            """{"results":[{"fieldId":"assignee","hasDefaultValue":false,"key":"assignee","name":"Assignee","operations":["set"],"required":true,"schema":{"type":"user","system":"assignee"}}],"maxResults":1,"startAt":0,"total":1}"""));

        var result = await TestClients.Jira(handler).GetCreateMetaFieldsAsync(TestClients.Context, "ED", "1", None);

        var field = Assert.Single(result.Value!);
        Assert.Equal("assignee", field.FieldId);
        Assert.True(field.Required);
        Assert.Equal("user", field.Schema.Type);
    }

    [Fact]
    public async Task GetCreateMetadataAsync_loads_the_fields_of_the_named_type_only()
    {
        var handler = new FakeHttpHandler(request => request.Uri.AbsolutePath.EndsWith("/issuetypes", StringComparison.Ordinal)
            ? FakeHttpHandler.Json(200, IssueTypesPage(0, 2, "Bug", "Task"))
            : FakeHttpHandler.Json(200, """{"fields":[],"startAt":0,"maxResults":50,"total":0}"""));

        var result = await TestClients.Jira(handler).GetCreateMetadataAsync(TestClients.Context, "ED", "task", None);

        Assert.True(result.IsSuccess);
        Assert.Equal(["101"], result.Value.FieldsByIssueTypeId.Keys);
        Assert.Equal(2, handler.Requests.Count);
        Assert.EndsWith("/issuetypes/101", handler.Requests[1].Uri.AbsolutePath);
    }

    [Fact]
    public async Task Get_503_with_retry_after_is_Transient()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(503, "Service Unavailable", ("Retry-After", "12")));

        var error = (await TestClients.Jira(handler).GetCreateMetaIssueTypesAsync(TestClients.Context, "ED", None)).Error!;

        Assert.Equal(JiraErrorKind.Transient, error.Kind);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(12), error.RetryAfter);
    }

    [Fact]
    public async Task Get_connection_drop_is_Transient_not_UnknownOutcome()
    {
        var handler = new FakeHttpHandler((_, _) => throw new IOException("connection reset"));

        var error = (await TestClients.Jira(handler).GetCreateMetaIssueTypesAsync(TestClients.Context, "ED", None)).Error!;

        Assert.Equal(JiraErrorKind.Transient, error.Kind);
    }

    [Fact]
    public async Task Get_timeout_is_Transient()
    {
        var time = TestClients.Time();
        var handler = new FakeHttpHandler(async (_, token) =>
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            throw new InvalidOperationException("unreachable");
        });

        var error = (await TestClients.Jira(handler, time, o => o.RequestTimeout = TimeSpan.FromSeconds(5))
            .GetCreateMetaFieldsAsync(TestClients.Context, "ED", "1", None)).Error!;

        Assert.Equal(JiraErrorKind.Transient, error.Kind);
        Assert.Contains("no response within 5 s", error.Message);
    }

    [Fact]
    public async Task Get_401_is_Unauthorized_and_404_of_unknown_cloud_is_SiteNotFound()
    {
        var unauthorized = await TestClients.Jira(new FakeHttpHandler(_ => FakeHttpHandler.Json(401, AtlassianBodies.ScopeDoesNotMatch)))
            .GetCreateMetaIssueTypesAsync(TestClients.Context, "ED", None);
        var siteNotFound = await TestClients.Jira(new FakeHttpHandler(_ => FakeHttpHandler.Json(404, "")))
            .GetCreateMetaIssueTypesAsync(TestClients.Context, "ED", None);
        var projectNotFound = await TestClients.Jira(new FakeHttpHandler(_ => FakeHttpHandler.Json(404, """{"errorMessages":["No project could be found with key 'NOPE'."],"errors":{}}""")))
            .GetCreateMetaIssueTypesAsync(TestClients.Context, "NOPE", None);

        Assert.Equal(JiraErrorKind.Unauthorized, unauthorized.Error!.Kind);
        Assert.Equal(JiraErrorKind.SiteNotFound, siteNotFound.Error!.Kind);
        Assert.Equal(JiraErrorKind.NotFound, projectNotFound.Error!.Kind);
    }

    [Fact]
    public async Task Get_connection_refused_is_Transient()
    {
        var handler = new FakeHttpHandler((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException()));

        var error = (await TestClients.Jira(handler).GetCreateMetaIssueTypesAsync(TestClients.Context, "ED", None)).Error!;

        Assert.Equal(JiraErrorKind.Transient, error.Kind);
    }

    [Fact]
    public async Task SearchIssuesByLabelAsync_posts_bounded_jql_and_reads_issues()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(200,
            """{"issues":[{"id":"10000","key":"ED-24","fields":{"summary":"Main order flow broken","labels":["issuesync-abc"]}}],"isLast":true}"""));

        var result = await TestClients.Jira(handler).SearchIssuesByLabelAsync(TestClients.Context, "ED", "issuesync-abc", None);

        var issue = Assert.Single(result.Value!);
        Assert.Equal(("10000", "ED-24", "Main order flow broken"), (issue.Id, issue.Key, issue.Summary));
        Assert.Equal(["issuesync-abc"], issue.Labels);
        var request = handler.Requests[0];
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"{Base}/search/jql", request.Uri.AbsoluteUri);
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal("project = \"ED\" AND labels = \"issuesync-abc\"", (string?)body["jql"]);
        Assert.Equal(["key", "summary", "labels"], body["fields"]!.AsArray().Select(f => (string?)f));
        Assert.Equal(10, (int)body["maxResults"]!);
    }

    [Fact]
    public async Task SearchIssuesByLabelAsync_escapes_quotes_and_backslashes()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(200, """{"issues":[]}"""));

        var result = await TestClients.Jira(handler).SearchIssuesByLabelAsync(TestClients.Context, "E\"D", "a\\\"b", None);

        Assert.Empty(result.Value!);
        Assert.Equal("project = \"E\\\"D\" AND labels = \"a\\\\\\\"b\"", (string?)JsonNode.Parse(handler.Requests[0].Body!)!["jql"]);
    }

    [Fact]
    public async Task SearchIssuesByLabelAsync_server_error_is_Transient_because_search_is_a_read()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(500, ""));

        var error = (await TestClients.Jira(handler).SearchIssuesByLabelAsync(TestClients.Context, "ED", "x", None)).Error!;

        Assert.Equal(JiraErrorKind.Transient, error.Kind);
    }

    [Fact]
    public async Task Urls_never_end_with_a_slash_even_when_the_base_url_does()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(201, AtlassianBodies.Created));

        await TestClients.Jira(handler, configure: o => o.ApiBaseUrl = new Uri("https://api.example.test/gateway/"))
            .CreateIssueAsync(TestClients.Context, [], None);

        Assert.Equal($"https://api.example.test/gateway/ex/jira/{TestClients.CloudId}/rest/api/3/issue", handler.Requests[0].Uri.AbsoluteUri);
    }
}
