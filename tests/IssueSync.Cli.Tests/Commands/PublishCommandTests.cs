using System.Net;
using System.Text.Json.Nodes;
using IssueSync.Cli.Tests.Support;
using Spectre.Console.Testing;

namespace IssueSync.Cli.Tests.Commands;

public sealed class PublishCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("issuesync-publish-tests-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string Command(int n) =>
        $$"""{"idempotencyKey":"bulk-{{n}}","connectionId":"acme","projectKey":"OPS","issueType":"Bug","summary":"Issue {{n}}","labels":["bulk"]}""";

    private string WriteFile(params string[] lines)
    {
        var path = Path.Combine(_directory, "commands.jsonl");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private void AcceptBatches() =>
        _cli.Api.On(HttpMethod.Post, "/admin/commands", request =>
            FakeAdminApi.Json(HttpStatusCode.Accepted, $$"""{"accepted":{{JsonNode.Parse(request.Body!)!.AsArray().Count}}}"""));

    private List<JsonArray> SentBatches() => [.. _cli.Api.Requests.Select(r => JsonNode.Parse(r.Body!)!.AsArray())];

    [Fact]
    public async Task Publish_from_flags_sends_one_create_issue()
    {
        _cli.Api.On(HttpMethod.Post, "/admin/commands", HttpStatusCode.Accepted, """{"accepted":1}""");
        var description = Path.Combine(_directory, "bug.md");
        await File.WriteAllTextAsync(description, "## Steps\n1. pay", TestContext.Current.CancellationToken);

        var result = await _cli.RunAsync("publish", "--key", "alert-1", "--connection", "acme", "--project", "OPS", "--type", "Bug",
            "--summary", "Checkout returns 500", "--description-file", description, "--priority", "High", "--component", "Backend", "--component", "Web",
            "--label", "checkout", "--assignee", "5b10ac8d82e05b22cc7d4ef5", "--due", "2026-12-01", "--field", "customfield_10050=Sev2",
            "--field", "customfield_10016=3", "--correlation-id", "pd-42");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var request = Assert.Single(_cli.Api.Requests);
        Assert.Equal(CliRunner.ApiKey, request.ApiKey);
        var expected = """
            {"idempotencyKey":"alert-1","connectionId":"acme","projectKey":"OPS","issueType":"Bug","summary":"Checkout returns 500",
             "descriptionMarkdown":"## Steps\n1. pay","priority":"High","components":["Backend","Web"],"labels":["checkout"],
             "assigneeAccountId":"5b10ac8d82e05b22cc7d4ef5","dueDate":"2026-12-01",
             "customFields":{"customfield_10050":"Sev2","customfield_10016":3},"correlationId":"pd-42"}
            """;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(request.Body!)), request.Body);
        Assert.Contains("command alert-1 accepted (connection acme, project OPS)", result.Out);
        Assert.Contains("issuesync commands show alert-1", result.Out);
    }

    [Fact]
    public async Task Publish_from_flags_without_a_key_makes_one_and_prints_it()
    {
        _cli.Api.On(HttpMethod.Post, "/admin/commands", HttpStatusCode.Accepted, """{"accepted":1}""");

        var result = await _cli.RunAsync("publish", "--connection", "acme", "--project", "OPS", "--type", "Task", "--summary", "Hello");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var key = JsonNode.Parse(_cli.Api.Requests[0].Body!)!["idempotencyKey"]!.GetValue<string>();
        Assert.Matches("^cli-[0-9a-f]{32}$", key);
        Assert.Contains($"command {key} accepted", result.Out);
    }

    [Fact]
    public async Task Publish_from_flags_json_prints_the_servers_answer()
    {
        _cli.Api.On(HttpMethod.Post, "/admin/commands", HttpStatusCode.Accepted, """{"accepted":1}""");

        var result = await _cli.RunAsync("publish", "--connection", "acme", "--project", "OPS", "--type", "Task", "--summary", "Hello", "--json");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"accepted":1}"""), JsonNode.Parse(result.Out)));
    }

    [Theory]
    [InlineData("--connection", "acme", "--project", "OPS", "--type", "Bug")]
    [InlineData("--file", "x.jsonl", "--summary", "Hello")]
    [InlineData("--file", "x.jsonl", "--batch-size", "0")]
    [InlineData("--connection", "acme", "--project", "OPS", "--type", "Bug", "--summary", "x", "--field", "severity=1")]
    public async Task Publish_with_wrong_options_is_a_usage_error(params string[] options)
    {
        var result = await _cli.RunAsync(["publish", .. options]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(_cli.Api.Requests);
    }

    [Fact]
    public async Task Publish_from_flags_with_an_obvious_mistake_exits_1_and_sends_nothing()
    {
        var result = await _cli.RunAsync("publish", "--connection", "acme", "--project", "OPS", "--type", "Bug", "--summary", "x", "--label", "two words", "--due", "soon");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("The label 'two words' is empty or contains whitespace", result.Error);
        Assert.Contains("The due date 'soon' is not a date in the form yyyy-MM-dd", result.Error);
        Assert.Empty(_cli.Api.Requests);
    }

    [Fact]
    public async Task Publish_file_sends_batches_of_the_given_size_with_each_line_as_written()
    {
        AcceptBatches();
        var path = WriteFile(Command(1), Command(2), "", Command(3), Command(4), Command(5));

        var result = await _cli.RunAsync("publish", "--file", path, "--batch-size", "2");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var batches = SentBatches();
        Assert.Equal([2, 2, 1], batches.Select(b => b.Count));
        var sent = batches.SelectMany(b => b).ToList();
        for (var n = 1; n <= 5; n++)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Command(n)), sent[n - 1]));
        }

        Assert.All(_cli.Api.Requests, r => Assert.Equal(CliRunner.ApiKey, r.ApiKey));
        Assert.Contains("sent 5, skipped 0 bad lines", result.Out);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Publish_file_reports_bad_lines_by_number_sends_the_rest_and_exits_1()
    {
        AcceptBatches();
        var path = WriteFile(
            Command(1),
            "{\"idempotencyKey\":\"bad-2\",\"connectionId\":\"acme\"",
            Command(3),
            "[1,2,3]",
            "{\"idempotencyKey\":\"bad-5\",\"connectionId\":\"acme\",\"projectKey\":\"OPS\",\"issueType\":\"Bug\"}",
            "{\"idempotencyKey\":\"bad-6\",\"connectionId\":\"acme\",\"projectKey\":\"OPS\",\"issueType\":\"Bug\",\"summary\":\"x\",\"colour\":\"red\"}",
            "",
            Command(8));

        var result = await _cli.RunAsync("publish", "--file", path);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        var batch = Assert.Single(SentBatches());
        Assert.Equal(["bulk-1", "bulk-3", "bulk-8"], batch.Select(c => c!["idempotencyKey"]!.GetValue<string>()));
        Assert.DoesNotContain(_cli.Api.Requests, r => r.Body!.Contains("bad-", StringComparison.Ordinal));
        Assert.Contains($"{path}:2: not valid JSON", result.Error);
        Assert.Contains($"{path}:4: expected a CreateIssue JSON object, found array", result.Error);
        Assert.Contains($"{path}:5: not a CreateIssue: missing required properties: 'summary'", result.Error);
        Assert.Contains($"{path}:6: not a CreateIssue: unknown property 'colour'", result.Error);
        Assert.DoesNotContain(":7:", result.Error);
        Assert.Contains("sent 3, skipped 4 bad lines", result.Out);
    }

    [Fact]
    public async Task Publish_file_of_only_bad_lines_sends_nothing()
    {
        var path = WriteFile("nope", "{}");

        var result = await _cli.RunAsync("publish", "--file", path);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Empty(_cli.Api.Requests);
        Assert.Contains("sent 0, skipped 2 bad lines", result.Out);
    }

    [Fact]
    public async Task Publish_file_dry_run_checks_and_sends_nothing()
    {
        var path = WriteFile(Command(1), "oops", Command(3));

        var result = await _cli.RunAsync("publish", "--file", path, "--dry-run");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Empty(_cli.Api.Requests);
        Assert.Contains("2 valid commands, 1 bad line; nothing sent (--dry-run)", result.Out);
        Assert.Contains($"{path}:2:", result.Error);
    }

    [Fact]
    public async Task Publish_file_json_prints_a_summary_with_the_bad_lines()
    {
        AcceptBatches();
        var path = WriteFile(Command(1), "oops");

        var result = await _cli.RunAsync("publish", "--file", path, "--json");

        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal(1, summary["sent"]!.GetValue<int>());
        Assert.Equal(1, summary["skipped"]!.GetValue<int>());
        Assert.Equal(2, summary["badLines"]![0]!["line"]!.GetValue<int>());
    }

    [Fact]
    public async Task Publish_reads_json_lines_from_standard_input()
    {
        AcceptBatches();
        _cli.Stdin = Command(1) + "\r\n" + Command(2) + "\r\n";

        var result = await _cli.RunAsync("publish", "--file", "-");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(2, Assert.Single(SentBatches()).Count);
    }

    [Fact]
    public async Task Publish_file_that_does_not_exist_exits_1()
    {
        var result = await _cli.RunAsync("publish", "--file", Path.Combine(_directory, "absent.jsonl"));

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("was not found", result.Error);
    }

    [Fact]
    public async Task Publish_file_stops_at_a_failed_batch_and_says_what_was_sent()
    {
        var calls = 0;
        _cli.Api.On(HttpMethod.Post, "/admin/commands", _ => ++calls == 1
            ? FakeAdminApi.Json(HttpStatusCode.Accepted, """{"accepted":2}""")
            : FakeAdminApi.Problem(HttpStatusCode.ServiceUnavailable, "Service Unavailable", "The broker is not reachable."));
        var path = WriteFile(Command(1), Command(2), Command(3), Command(4), Command(5));

        var result = await _cli.RunAsync("publish", "--file", path, "--batch-size", "2");

        Assert.Equal(ExitCodes.ServerFailure, result.ExitCode);
        Assert.Equal(2, _cli.Api.Requests.Count);
        Assert.Contains("stopped after sending 2 of 5 commands; the commands from line 3 on were not sent", result.Error);
        Assert.Contains("issuesync: 503 Service Unavailable: The broker is not reachable.", result.Error);
    }

    [Fact]
    public async Task Publish_file_with_the_progress_bar_on_sends_everything()
    {
        AcceptBatches();
        _cli.ShowProgress = true;
        _cli.Console.Interactive();
        var path = WriteFile([.. Enumerable.Range(1, 7).Select(Command)]);

        var result = await _cli.RunAsync("publish", "--file", path, "--batch-size", "3");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal([3, 3, 1], SentBatches().Select(b => b.Count));
        Assert.Contains("publishing 7 commands", result.Out);
        Assert.Contains("100%", result.Out);
        Assert.Contains("sent 7, skipped 0 bad lines", result.Out);
    }
}
