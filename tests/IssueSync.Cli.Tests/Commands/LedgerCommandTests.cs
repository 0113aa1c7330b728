using System.Net;
using System.Text.Json.Nodes;
using IssueSync.Cli.Tests.Support;

namespace IssueSync.Cli.Tests.Commands;

public sealed class LedgerCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Commands_list_sends_the_filters_and_prints_a_table_with_a_page_footer()
    {
        _cli.Api.On(HttpMethod.Get,
            "/admin/commands?state=Failed&connection=acme&reason=validation&since=2026-03-10T10%3A00%3A00Z&page=1&pageSize=2",
            HttpStatusCode.OK, Samples.CommandPage);

        var result = await _cli.RunAsync("commands", "list", "--state", "Failed", "--connection", "acme", "--reason", "validation", "--since", "2h", "--page-size", "2");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(CliRunner.ApiKey, Assert.Single(_cli.Api.Requests).ApiKey);
        Assert.Matches(@"ID\s+KEY\s+CONNECTION\s+PROJECT\s+STATE\s+ATTEMPTS\s+REASON\s+JIRA\s+AGE", result.Out);
        Assert.Matches(@"3f2c9a1e\s+alert-4711\s+acme\s+OPS\s+Failed\s+2\s+validation\s+-\s+5m", result.Out);
        Assert.Matches(@"8d0e1f2a\s+alert-4712\s+acme\s+OPS\s+Created\s+1\s+-\s+OPS-42\s+3h", result.Out);
        Assert.Contains("page 1 of 3 (5 commands)", result.Out);
        Assert.Contains(
            "Next page: issuesync commands list --state Failed --connection acme --reason validation --since 2h --page-size 2 --page 2",
            result.Out);
    }

    [Fact]
    public async Task Commands_list_accepts_an_iso_time_and_sends_defaults()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/commands?since=2026-03-01T00%3A00%3A00Z&until=2026-03-02T00%3A00%3A00Z&page=1&pageSize=50",
            HttpStatusCode.OK, """{"items":[],"page":1,"pageSize":50,"total":0}""");

        var result = await _cli.RunAsync("commands", "list", "--since", "2026-03-01", "--until", "2026-03-02T00:00:00Z");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("No commands match.", result.Out);
        Assert.Contains("page 1 of 1 (0 commands)", result.Out);
    }

    [Fact]
    public async Task Commands_list_json_is_the_servers_json()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/commands?page=1&pageSize=50", HttpStatusCode.OK, Samples.CommandPage);

        var result = await _cli.RunAsync("commands", "list", "--json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Samples.CommandPage), JsonNode.Parse(result.Out)));
    }

    [Theory]
    [InlineData("--page-size", "500")]
    [InlineData("--page", "0")]
    [InlineData("--since", "yesterday")]
    public async Task Commands_list_with_a_bad_option_is_a_usage_error_and_sends_nothing(string option, string value)
    {
        var result = await _cli.RunAsync("commands", "list", option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(_cli.Api.Requests);
        Assert.StartsWith("issuesync: ", result.Error);
    }

    [Fact]
    public async Task Commands_show_prints_fields_field_errors_attempts_history_and_next_steps()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/commands/alert-4711", HttpStatusCode.OK, Samples.FailedDetail);

        var result = await _cli.RunAsync("commands", "show", "alert-4711");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var output = result.Out;
        Assert.Contains("command/3f2c9a1e", output);
        Assert.Matches(@"State:\s+Failed", output);
        Assert.Matches(@"Reason:\s+validation", output);
        Assert.Matches(@"Last error:\s+Jira rejected 2 fields\.", output);
        Assert.Matches(@"Issue type:\s+Bug", output);
        Assert.Matches(@"Priority:\s+Urgent", output);
        Assert.Matches(@"Labels:\s+checkout, alerting", output);
        Assert.Matches(@"customfield_10050:\s+Sev9", output);
        Assert.Matches(@"FIELD\s+MESSAGE", output);
        Assert.Matches(@"priority\s+Priority 'Urgent' is not allowed; allowed: High, Medium, Low\.", output);
        Assert.Matches(@"customfield_10050\s+Option 'Sev9' is not valid for Severity\.", output);
        Assert.Matches(@"#\s+STARTED\s+DURATION\s+OUTCOME\s+HTTP\s+RETRY-AFTER\s+DETAIL\s+REPLICA", output);
        Assert.Matches(@"1\s+4m59s ago\s+1\.0s\s+TransientFailure\s+429\s+30\.0s\s+Jira answered 429\.\s+worker-1", output);
        Assert.Matches(@"2\s+4m50s ago\s+400ms\s+PermanentFailure\s+400\s+-\s+Field errors\.\s+worker-2", output);
        Assert.Matches(@"WHEN\s+KEY\s+ROLE\s+ACTION\s+STATUS\s+DETAIL\s+VIA", output);
        Assert.Matches(@"2m\S* ago\s+olga-operator\s+operator\s+DiscardCommand\s+409\s+reason: duplicate\s+console", output);
        Assert.Matches(@"Outcome:\s+rejected: Jira refused the last create request", output);
        Assert.Matches(@"Dedupe label:\s+issuesync-5c1f3a9e0b7d4e21", output);
        Assert.Contains($"issuesync retry {Samples.CommandId}", output);
        Assert.Contains($"issuesync commands edit {Samples.CommandId} --priority <name> --field customfield_10050=<value>", output);
        Assert.Contains($"issuesync discard {Samples.CommandId} --reason \"...\"", output);
    }

    [Fact]
    public async Task Commands_show_json_is_the_servers_json()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/commands/alert-4711", HttpStatusCode.OK, Samples.FailedDetail);

        var result = await _cli.RunAsync("commands", "show", "alert-4711", "--json");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Samples.FailedDetail), JsonNode.Parse(result.Out)));
    }

    [Fact]
    public async Task Commands_show_escapes_keys_in_the_path()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/commands/jira%2Fops%3F1", HttpStatusCode.OK, Samples.FailedDetail);

        var result = await _cli.RunAsync("commands", "show", "jira/ops?1");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
    }

    [Fact]
    public async Task Commands_edit_sends_only_the_given_fields_with_typed_custom_values()
    {
        var description = Path.Combine(Path.GetTempPath(), $"issuesync-edit-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(description, "## Steps\n1. pay", TestContext.Current.CancellationToken);
        try
        {
            _cli.Api.On(HttpMethod.Put, "/admin/commands/alert-4711", HttpStatusCode.OK, Samples.FailedDetail.Replace("\"state\":\"Failed\"", "\"state\":\"Pending\""));

            var result = await _cli.RunAsync("commands", "edit", "alert-4711", "--priority", "High", "--label", "checkout", "--label", "eu",
                "--field", "customfield_10050=Sev2", "--field", "customfield_10016=3", "--field", "customfield_10020=[\"a\",\"b\"]", "--description-file", description);

            Assert.Equal(ExitCodes.Success, result.ExitCode);
            var request = Assert.Single(_cli.Api.Requests);
            var expected = """
                {"priority":"High","labels":["checkout","eu"],
                 "customFields":{"customfield_10050":"Sev2","customfield_10016":3,"customfield_10020":["a","b"]},
                 "descriptionMarkdown":"## Steps\n1. pay"}
                """;
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(request.Body!)), request.Body);
            Assert.Contains("command/3f2c9a1e edited and retried (state Pending)", result.Out);
        }
        finally
        {
            File.Delete(description);
        }
    }

    [Fact]
    public async Task Commands_edit_rejected_by_validation_prints_each_field_error_and_exits_1()
    {
        _cli.Api.OnProblem(HttpMethod.Put, "/admin/commands/alert-4711", HttpStatusCode.BadRequest, "The command is still invalid.",
            "Jira's create metadata rejects 2 fields.",
            """{"priority":["Priority 'Urgentest' is not allowed; allowed: High, Medium, Low."],"customfield_10050":["Option 'Sev9' is not valid."]}""");

        var result = await _cli.RunAsync("commands", "edit", "alert-4711", "--priority", "Urgentest");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("issuesync: 400 The command is still invalid. Jira's create metadata rejects 2 fields.", result.Error);
        Assert.Contains("  priority: Priority 'Urgentest' is not allowed; allowed: High, Medium, Low.", result.Error);
        Assert.Contains("  customfield_10050: Option 'Sev9' is not valid.", result.Error);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Commands_edit_of_a_command_that_has_not_failed_exits_4()
    {
        _cli.Api.OnProblem(HttpMethod.Put, "/admin/commands/alert-4712", HttpStatusCode.Conflict, "Conflict", "The command is Created, not Failed.");

        var result = await _cli.RunAsync("commands", "edit", "alert-4712", "--summary", "New");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Contains("The command is Created, not Failed.", result.Error);
    }

    [Theory]
    [InlineData]
    [InlineData("--field", "priority=High")]
    [InlineData("--field", "customfield_1")]
    public async Task Commands_edit_without_a_valid_change_is_a_usage_error(params string[] options)
    {
        var result = await _cli.RunAsync(["commands", "edit", "alert-4711", .. options]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(_cli.Api.Requests);
    }

    [Fact]
    public async Task Failures_prints_groups_biggest_first_and_the_commands_to_run_next()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/failures", HttpStatusCode.OK, Samples.Failures);

        var result = await _cli.RunAsync("failures");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.Matches(@"REASON\s+COUNT\s+OLDEST\s+NEWEST\s+SAMPLE\s+CONNECTIONS", lines[0]);
        Assert.Matches(@"validation\s+6\s+2d\s+5m\s+Priority 'Urgent' is not allowed\.\s+acme, globex", lines[1]);
        Assert.Matches(@"permission-denied\s+1\s+24h\s+24h\s+The user may not create issues in HR\.\s+globex", lines[2]);
        Assert.Contains("7 failed commands in 2 groups", result.Out);
        Assert.Contains("issuesync commands list --state Failed --reason validation", result.Out);
        Assert.Contains("issuesync retry --reason validation", result.Out);
    }

    [Fact]
    public async Task Failures_of_one_connection_filters_and_keeps_the_filter_in_the_hints()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/failures?connection=globex", HttpStatusCode.OK, Samples.Failures);

        var result = await _cli.RunAsync("failures", "--connection", "globex");

        Assert.Contains("issuesync retry --reason validation --connection globex", result.Out);
    }

    [Fact]
    public async Task Failures_when_there_are_none()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/failures", HttpStatusCode.OK, "[]");

        var result = await _cli.RunAsync("failures");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("No failed commands.", result.Out);
    }

    [Fact]
    public async Task Retry_one_command_posts_to_its_retry_endpoint()
    {
        _cli.Api.On(HttpMethod.Post, $"/admin/commands/{Samples.CommandId}/retry", HttpStatusCode.OK, Samples.FailedSummary.Replace("\"Failed\"", "\"Pending\""));

        var result = await _cli.RunAsync("retry", Samples.CommandId);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("command/3f2c9a1e retried (state Pending)", result.Out);
    }

    [Fact]
    public async Task Retry_of_a_command_that_has_not_failed_exits_4()
    {
        _cli.Api.OnProblem(HttpMethod.Post, "/admin/commands/alert-4712/retry", HttpStatusCode.Conflict, "Conflict",
            "Only Failed, Parked or Discarded commands can be retried; this one is Created.");

        var result = await _cli.RunAsync("retry", "alert-4712");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Equal("issuesync: 409 Conflict: Only Failed, Parked or Discarded commands can be retried; this one is Created." + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Retry_several_ids_sends_them_in_one_request_and_prints_the_count()
    {
        _cli.Api.On(HttpMethod.Post, "/admin/commands/retry", HttpStatusCode.OK, """{"retried":2}""");

        var result = await _cli.RunAsync("retry", Samples.CommandId, Samples.OtherCommandId, "c0ffee00-0000-4000-8000-000000000000");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var body = JsonNode.Parse(Assert.Single(_cli.Api.Requests).Body!);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$"""{"ids":["{{Samples.CommandId}}","{{Samples.OtherCommandId}}","c0ffee00-0000-4000-8000-000000000000"]}"""), body));
        Assert.Contains("retried 2 of 3 commands", result.Out);
        Assert.Contains("The others were not found, or not Failed, Parked or Discarded.", result.Out);
    }

    [Fact]
    public async Task Retry_by_filter_with_yes_sends_the_filter_for_failed_commands()
    {
        _cli.Api.On(HttpMethod.Post, "/admin/commands/retry", HttpStatusCode.OK, """{"retried":6}""");

        var result = await _cli.RunAsync("retry", "--reason", "validation", "--connection", "acme", "--yes");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"reason":"validation","connection":"acme","state":"Failed"}"""), JsonNode.Parse(_cli.Api.Requests[0].Body!)));
        Assert.Contains("retried 6 commands (every Failed command with reason 'validation' of connection 'acme')", result.Out);
        Assert.DoesNotContain("Retry every", result.Out);
    }

    [Fact]
    public async Task Retry_by_filter_asks_first_and_goes_on_when_confirmed()
    {
        _cli.Api.On(HttpMethod.Post, "/admin/commands/retry", HttpStatusCode.OK, """{"retried":1}""");
        _cli.Answering("y");

        var result = await _cli.RunAsync("retry", "--state", "Parked", "--json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Retry every Parked command?", result.Out);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"state":"Parked"}"""), JsonNode.Parse(_cli.Api.Requests[0].Body!)));
    }

    [Fact]
    public async Task Retry_by_filter_declined_sends_nothing()
    {
        _cli.Answering("n");

        var result = await _cli.RunAsync("retry", "--reason", "validation");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Empty(_cli.Api.Requests);
    }

    [Fact]
    public async Task Retry_by_filter_without_a_terminal_needs_yes()
    {
        var result = await _cli.RunAsync("retry", "--reason", "validation");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(_cli.Api.Requests);
        Assert.Contains("pass --yes", result.Error);
    }

    [Theory]
    [InlineData("retry")]
    [InlineData("retry", "some-id", "--reason", "validation")]
    public async Task Retry_needs_ids_or_a_filter_but_not_both(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(_cli.Api.Requests);
    }

    [Fact]
    public async Task Discard_sends_the_reason()
    {
        _cli.Api.On(HttpMethod.Post, "/admin/commands/alert-4711/discard", HttpStatusCode.OK, Samples.FailedSummary.Replace("\"Failed\"", "\"Discarded\""));

        var result = await _cli.RunAsync("discard", "alert-4711", "--reason", "duplicate of OPS-12");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"reason":"duplicate of OPS-12"}"""), JsonNode.Parse(_cli.Api.Requests[0].Body!)));
        Assert.Contains("command/3f2c9a1e discarded (duplicate of OPS-12)", result.Out);
    }

    [Theory]
    [InlineData]
    [InlineData("--reason", " ")]
    public async Task Discard_without_a_reason_is_a_usage_error(params string[] options)
    {
        var result = await _cli.RunAsync(["discard", "alert-4711", .. options]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--reason is required", result.Error);
        Assert.Empty(_cli.Api.Requests);
    }

    [Fact]
    public async Task Rejected_lists_messages_with_paging()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/rejected?reason=malformed-command&page=1&pageSize=50", HttpStatusCode.OK, Samples.Rejected);

        var result = await _cli.RunAsync("rejected", "--reason", "malformed-command");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Matches(@"5e6f7a8b\s+60m\s+malformed-command\s+-\s+application/json\s+12\s+The body is not JSON\.", result.Out);
        Assert.Contains("page 1 of 1 (1 message)", result.Out);
    }
}
