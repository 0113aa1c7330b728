using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Api;

/// <summary><c>POST /rest/api/3/search/jql</c> and the removed <c>/search</c>, docs/atlassian-api.md §7.</summary>
public sealed class SearchTests
{
    private static async Task<(TestSimulator Sim, Tokens Tokens)> StartWithIssuesAsync(Action<SimulatorOptions>? configure = null)
    {
        var sim = await TestSimulator.StartAsync(configure);
        var tokens = await sim.ConnectAsync();
        foreach (var (summary, labels) in new[]
                 {
                     ("Disk full on db-1", new[] { "issuesync-aaa", "ops" }),
                     ("Say \"hello\" to C:\\temp", new[] { "issuesync-bbb" }),
                     ("Checkout broken", new[] { "issuesync-ccc", "ops" }),
                 })
        {
            using var response = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask(summary, labels));
            await response.AssertStatusAsync(201);
        }

        using var team = await sim.CreateIssueAsync(tokens.AccessToken, new Dictionary<string, object?>
        {
            ["project"] = new { key = "TEAM" },
            ["issuetype"] = new { id = DefaultSeed.TeamTask },
            ["summary"] = "Disk full on team box",
            ["labels"] = new[] { "ops" },
        });
        await team.AssertStatusAsync(201);

        // Let the search index catch up (SearchIndexDelay, 2 s by default).
        sim.Time.Advance(TimeSpan.FromSeconds(2));
        return (sim, tokens);
    }

    private static async Task<string[]> KeysAsync(TestSimulator sim, Tokens tokens, string jql)
    {
        using var response = await sim.SearchAsync(tokens.AccessToken, new { jql, fields = new[] { "key" } });
        await response.AssertStatusAsync(200);
        return [.. (await response.JsonAsync()).GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("key").GetString()!)];
    }

    [Theory]
    [InlineData("project = OPS", new[] { "OPS-1", "OPS-2", "OPS-3" })]
    [InlineData("project = TEAM", new[] { "TEAM-1" })]
    [InlineData("project = OPS AND labels = \"issuesync-bbb\"", new[] { "OPS-2" })]
    [InlineData("labels = ops", new[] { "OPS-1", "OPS-3", "TEAM-1" })]
    [InlineData("labels = ops AND project = TEAM", new[] { "TEAM-1" })]
    [InlineData("summary ~ \"disk full\"", new[] { "OPS-1", "TEAM-1" })]
    [InlineData("summary ~ \"\\\"hello\\\"\" AND summary ~ \"C:\\\\temp\"", new[] { "OPS-2" })]
    [InlineData("project = OPS AND labels in (issuesync-aaa, 'issuesync-ccc') ORDER BY key DESC", new[] { "OPS-3", "OPS-1" })]
    [InlineData("project = OPS AND NOT labels = ops", new[] { "OPS-2" })]
    [InlineData("(labels = issuesync-aaa OR labels = issuesync-bbb) and project = ops", new[] { "OPS-1", "OPS-2" })]
    [InlineData("project = OPS AND labels = \"no-such-label\"", new string[0])]
    public async Task JQL_subset(string jql, string[] expected)
    {
        var (sim, tokens) = await StartWithIssuesAsync();
        await using (sim)
        {
            Assert.Equal(expected, await KeysAsync(sim, tokens, jql));
        }
    }

    [Fact]
    public async Task Default_fields_are_id_only_and_requested_fields_are_returned()
    {
        var (sim, tokens) = await StartWithIssuesAsync();
        await using (sim)
        {
            using var ids = await sim.SearchAsync(tokens.AccessToken, new { jql = "project = OPS AND labels = issuesync-aaa" });
            await ids.AssertBodyAsync(200, """{"issues":[{"id":"10000"}],"isLast":true}""");

            using var withFields = await sim.SearchAsync(tokens.AccessToken, new { jql = "key = OPS-1", fields = new[] { "summary", "labels" } });
            var issue = (await withFields.JsonAsync()).GetProperty("issues")[0];
            Assert.Equal("OPS-1", issue.GetProperty("key").GetString());
            Assert.Equal("Disk full on db-1", issue.GetProperty("fields").GetProperty("summary").GetString());
            Assert.Equal(["issuesync-aaa", "ops"], issue.GetProperty("fields").GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
            Assert.Equal(2, issue.GetProperty("fields").EnumerateObject().Count());
        }
    }

    [Fact]
    public async Task Results_are_paginated_with_nextPageToken()
    {
        var (sim, tokens) = await StartWithIssuesAsync();
        await using (sim)
        {
            var keys = new List<string>();
            string? token = null;
            var pages = 0;
            do
            {
                using var response = await sim.SearchAsync(tokens.AccessToken, new { jql = "labels = ops", fields = new[] { "key" }, maxResults = 2, nextPageToken = token });
                var page = await response.JsonAsync();
                keys.AddRange(page.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("key").GetString()!));
                token = page.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
                Assert.Equal(token is null, page.GetProperty("isLast").GetBoolean());
                pages++;
            }
            while (token is not null);

            Assert.Equal(2, pages);
            Assert.Equal(["OPS-1", "OPS-3", "TEAM-1"], keys);
        }
    }

    [Fact]
    public async Task By_default_an_issue_is_found_only_two_seconds_after_its_creation()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using var created = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask("fresh", "issuesync-fresh"));
        await created.AssertStatusAsync(201);
        const string jql = "project = OPS AND labels = \"issuesync-fresh\"";

        Assert.Empty(await KeysAsync(sim, tokens, jql));
        sim.Time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Empty(await KeysAsync(sim, tokens, jql));
        sim.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["OPS-1"], await KeysAsync(sim, tokens, jql));
    }

    [Fact]
    public async Task Search_is_eventually_consistent()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.SearchIndexDelay = TimeSpan.FromSeconds(5));
        var tokens = await sim.ConnectAsync();
        using var created = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask("lagging", "issuesync-lag"));
        await created.AssertStatusAsync(201);
        const string jql = "project = OPS AND labels = \"issuesync-lag\"";

        Assert.Empty(await KeysAsync(sim, tokens, jql));
        sim.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Empty(await KeysAsync(sim, tokens, jql));
        sim.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["OPS-1"], await KeysAsync(sim, tokens, jql));
    }

    [Fact]
    public async Task ReconcileIssues_sees_an_issue_before_it_is_indexed()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.SearchIndexDelay = TimeSpan.FromMinutes(1));
        var tokens = await sim.ConnectAsync();
        using var created = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask("x", "issuesync-rec"));
        await created.AssertStatusAsync(201);
        using var response = await sim.SearchAsync(tokens.AccessToken, new { jql = "labels = issuesync-rec", reconcileIssues = new[] { 10000 } });
        await response.AssertBodyAsync(200, """{"issues":[{"id":"10000"}],"isLast":true}""");
    }

    [Theory]
    [InlineData("")]
    [InlineData("order by key desc")]
    [InlineData("ORDER BY created")]
    public async Task Unbounded_JQL_is_400(string jql)
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using var response = await sim.SearchAsync(tokens.AccessToken, new { jql });
        await response.AssertBodyAsync(400, """{"errorMessages":["Unbounded JQL queries are not allowed here. Please add a search restriction to your query."],"errors":{}}""");
    }

    [Theory]
    [InlineData("project = NOPE", "The value 'NOPE' does not exist for the field 'project'.")]
    [InlineData("colour = red", "Field 'colour' does not exist or you do not have permission to view it.")]
    [InlineData("summary = x", "The operator '=' is not supported by the 'summary' field.")]
    [InlineData("labels = \"unterminated", "Error in the JQL Query: The quoted string has not been completed.")]
    [InlineData("labels = \"bad \\q escape\"", "Error in the JQL Query: '\\q' is an illegal JQL escape sequence.")]
    public async Task Bad_JQL_is_400_with_a_message(string jql, string message)
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using var response = await sim.SearchAsync(tokens.AccessToken, new { jql });
        await response.AssertStatusAsync(400);
        Assert.Equal(message, (await response.JsonAsync()).GetProperty("errorMessages")[0].GetString());
    }

    [Fact]
    public async Task The_removed_search_endpoint_is_410()
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        const string gone = """{"errorMessages":["The requested API has been removed. Please use the newer, enhanced search-based API instead. See https://developer.atlassian.com/changelog/#CHANGE-2046 for more details."],"errors":{}}""";
        using var get = await sim.GetAsync("search?jql=project%3DOPS", tokens.AccessToken);
        await get.AssertBodyAsync(410, gone);
        using var post = await sim.SearchAsync(tokens.AccessToken, new { jql = "project = OPS" }) ;
        await post.AssertStatusAsync(200);
        using var postOld = await sim.ApiAsync(HttpMethod.Post, "search", tokens.AccessToken, new { jql = "project = OPS" });
        await postOld.AssertBodyAsync(410, gone);
    }

    [Fact]
    public async Task GET_search_jql_and_approximate_count_work()
    {
        var (sim, tokens) = await StartWithIssuesAsync();
        await using (sim)
        {
            using var get = await sim.GetAsync("search/jql?jql=labels%3Dops&fields=key,summary", tokens.AccessToken);
            Assert.Equal(3, (await get.JsonAsync()).GetProperty("issues").GetArrayLength());
            using var count = await sim.ApiAsync(HttpMethod.Post, "search/approximate-count", tokens.AccessToken, new { jql = "project = OPS" });
            await count.AssertBodyAsync(200, """{"count":3}""");
        }
    }
}
