using System.Net;
using System.Text.Json.Nodes;
using IssueSync.Cli.Tests.Support;

namespace IssueSync.Cli.Tests.Commands;

/// <summary>Uncertain commands (a create request whose answer was lost) and the operator's decisions on them; ids by prefix.</summary>
public sealed class UncertainCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Listing_uncertain_commands_shows_what_is_known_of_their_create_requests_and_the_next_lookup()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/commands?state=Uncertain&page=1&pageSize=50", HttpStatusCode.OK, Samples.UncertainPage);

        var result = await _cli.RunAsync("commands", "list", "--state", "Uncertain");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Matches(@"ID\s+KEY\s+CONNECTION\s+PROJECT\s+STATE\s+ATTEMPTS\s+REASON\s+JIRA\s+AGE\s+OUTCOME\s+NEXT LOOKUP", result.Out);
        Assert.Matches(@"3f2c9a1e\s+alert-4711\s+acme\s+OPS\s+Uncertain\s+1\s+unknown-outcome\s+-\s+5m\s+MayExist\s+in 15m", result.Out);
        Assert.Matches(@"8d0e1f2a\s+alert-4712\s+acme\s+OPS\s+Uncertain\s+1\s+uncertain-awaiting-operator\s+-\s+3h\s+MayExist\s+operator", result.Out);
    }

    [Fact]
    public async Task A_list_without_uncertain_commands_keeps_its_columns()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/commands?page=1&pageSize=50", HttpStatusCode.OK, Samples.CommandPage);

        var result = await _cli.RunAsync("commands", "list");

        Assert.DoesNotContain("OUTCOME", result.Out);
    }

    [Fact]
    public async Task Showing_an_uncertain_command_prints_its_outcome_knowledge_label_next_lookup_and_the_decisions()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/commands/3f2c9a1e", HttpStatusCode.OK, Samples.UncertainDetail);

        var result = await _cli.RunAsync("commands", "show", "3f2c9a1e");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Matches(@"State:\s+Uncertain", result.Out);
        Assert.Matches(@"Outcome:\s+may exist in Jira: a create request's answer was lost", result.Out);
        Assert.Matches(@"Dedupe label:\s+issuesync-5c1f3a9e0b7d4e21", result.Out);
        Assert.Matches(@"Next lookup:\s+2026-03-10 12:15:00Z \(in 15m\)", result.Out);
        Assert.Matches(@"1\s+4m59s ago\s+30\.0s\s+unknown-outcome\s+504\s+-\s+Jira answered 504\.", result.Out);
        Assert.Contains($"issuesync resolve {Samples.CommandId} --issue <KEY>", result.Out);
        Assert.Contains($"issuesync resolve {Samples.CommandId} --post-again", result.Out);
        Assert.Contains($"issuesync fail {Samples.CommandId} --reason \"...\"", result.Out);
        Assert.DoesNotContain("issuesync retry", result.Out);
    }

    [Theory]
    [InlineData("--issue", "OPS-42", """{"issueKey":"OPS-42"}""")]
    [InlineData("--issue", " OPS-42 ", """{"issueKey":"OPS-42"}""")]
    [InlineData("--post-again", null, """{"postAgain":true}""")]
    public async Task Resolve_sends_the_operators_decision(string option, string? value, string body)
    {
        var created = Samples.UncertainSummary.Replace("\"Uncertain\"", "\"Created\"").Replace("\"jiraIssueKey\":null", "\"jiraIssueKey\":\"OPS-42\"");
        _cli.Api.On(HttpMethod.Post, "/admin/commands/3f2c9a1e/resolve", HttpStatusCode.OK, created);

        var result = await _cli.RunAsync(value is null ? ["resolve", "3f2c9a1e", option] : ["resolve", "3f2c9a1e", option, value]);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(Assert.Single(_cli.Api.Requests).Body!)), _cli.Api.Requests[0].Body);
        Assert.Contains("command/3f2c9a1e", result.Out);
    }

    [Theory]
    [InlineData]
    [InlineData("--issue", "OPS-42", "--post-again")]
    public async Task Resolve_needs_exactly_one_decision(params string[] options)
    {
        var result = await _cli.RunAsync(["resolve", "3f2c9a1e", .. options]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(_cli.Api.Requests);
    }

    [Fact]
    public async Task Resolving_with_an_issue_jira_does_not_know_is_invalid_input()
    {
        _cli.Api.OnProblem(HttpMethod.Post, "/admin/commands/alert-4711/resolve", HttpStatusCode.BadRequest, "The request is not valid.",
            "Jira does not know issue OPS-9 on site 1111.", """{"issueKey":["Jira does not know issue OPS-9 on site 1111."]}""");

        var result = await _cli.RunAsync("resolve", "alert-4711", "--issue", "OPS-9");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("  issueKey: Jira does not know issue OPS-9 on site 1111.", result.Error);
    }

    [Fact]
    public async Task Fail_sends_the_reason()
    {
        var failed = Samples.UncertainSummary.Replace("\"Uncertain\"", "\"Failed\"").Replace("\"unknown-outcome\"", "\"failed-by-operator\"");
        _cli.Api.On(HttpMethod.Post, "/admin/commands/alert-4711/fail", HttpStatusCode.OK, failed);

        var result = await _cli.RunAsync("fail", "alert-4711", "--reason", "created by hand as OPS-40");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"reason":"created by hand as OPS-40"}"""), JsonNode.Parse(_cli.Api.Requests[0].Body!)));
        Assert.Contains("command/3f2c9a1e failed (created by hand as OPS-40)", result.Out);
        Assert.Contains($"Undo: issuesync retry {Samples.CommandId}", result.Out);
    }

    [Fact]
    public async Task Fail_without_a_reason_is_a_usage_error()
    {
        var result = await _cli.RunAsync("fail", "alert-4711");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--reason is required", result.Error);
        Assert.Empty(_cli.Api.Requests);
    }

    [Theory]
    [InlineData("commands", "show")]
    [InlineData("retry")]
    [InlineData("discard", "--reason", "dup")]
    public async Task A_short_id_goes_to_the_api_as_it_is_and_an_ambiguous_one_exits_4_naming_the_candidates(params string[] command)
    {
        const string detail = "The id prefix '3f2c' fits 2 commands: 3f2c9a1e-5b7d-4c1e-9f00-1a2b3c4d5e6f (alert-4711), 3f2c0000-0000-4000-8000-000000000000 (alert-9). Give more of the id, the whole id or the idempotency key.";
        var path = command[0] switch { "commands" => "/admin/commands/3f2c", "retry" => "/admin/commands/3f2c/retry", _ => "/admin/commands/3f2c/discard" };
        _cli.Api.OnProblem(command[0] == "commands" ? HttpMethod.Get : HttpMethod.Post, path, HttpStatusCode.Conflict, "Conflict", detail);

        var result = await _cli.RunAsync([.. command.Take(command[0] == "commands" ? 2 : 1), "3f2c", .. command.Skip(command[0] == "commands" ? 2 : 1)]);

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Equal(path, Assert.Single(_cli.Api.Requests).PathAndQuery);
        Assert.Contains("3f2c9a1e-5b7d-4c1e-9f00-1a2b3c4d5e6f (alert-4711)", result.Error);
    }

    [Fact]
    public async Task The_demo_is_a_tool_of_its_own_and_the_old_name_says_where()
    {
        var result = await _cli.RunAsync("demo", "--keep-running");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("dotnet run --project src/IssueSync.Demo", result.Error);
        Assert.Empty(_cli.Api.Requests);
    }
}
