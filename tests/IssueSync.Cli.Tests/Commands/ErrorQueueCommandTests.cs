using System.Net;
using System.Text.Json.Nodes;
using IssueSync.Cli.Tests.Support;

namespace IssueSync.Cli.Tests.Commands;

public sealed class ErrorQueueCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task List_reads_the_error_queue_with_a_limit()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/error-queue?limit=20", HttpStatusCode.OK, Samples.ErrorQueue);

        var result = await _cli.RunAsync("error-queue", "list", "--limit", "20");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Matches(@"MESSAGE ID\s+AGE\s+EXCEPTION\s+MESSAGE\s+TYPE\s+BYTES", result.Out);
        Assert.Matches(@"0b8e0000-1c2d-3e4f-5a6b-7c8d9e0f1a2b\s+30m\s+InvalidOperationException\s+Boom while consuming\.\s+CreateIssue\s+512", result.Out);
        Assert.Contains("issuesync error-queue redrive --id <message id>", result.Out);
    }

    [Fact]
    public async Task List_json_is_the_servers_json()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/error-queue?limit=50", HttpStatusCode.OK, Samples.ErrorQueue);

        var result = await _cli.RunAsync("error-queue", "list", "--json");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Samples.ErrorQueue), JsonNode.Parse(result.Out)));
    }

    [Fact]
    public async Task Redrive_by_ids_needs_no_confirmation()
    {
        _cli.Api.On(HttpMethod.Post, "/admin/error-queue/redrive", HttpStatusCode.OK, """{"redriven":2,"remaining":1}""");

        var result = await _cli.RunAsync("error-queue", "redrive", "--id", "m-1", "--id", "m-2");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"messageIds":["m-1","m-2"]}"""), JsonNode.Parse(_cli.Api.Requests[0].Body!)));
        Assert.Contains("redriven 2 messages; 1 remaining in the error queue", result.Out);
    }

    [Fact]
    public async Task Redrive_by_exception_type_with_yes()
    {
        _cli.Api.On(HttpMethod.Post, "/admin/error-queue/redrive", HttpStatusCode.OK, """{"redriven":1,"remaining":0}""");

        var result = await _cli.RunAsync("error-queue", "redrive", "--exception-type", "System.InvalidOperationException", "--yes");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"exceptionType":"System.InvalidOperationException"}"""), JsonNode.Parse(_cli.Api.Requests[0].Body!)));
    }

    [Fact]
    public async Task Redrive_all_asks_first()
    {
        _cli.Api.On(HttpMethod.Post, "/admin/error-queue/redrive", HttpStatusCode.OK, """{"redriven":3,"remaining":0}""");
        _cli.Answering("y");

        var result = await _cli.RunAsync("error-queue", "redrive", "--all");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Send every message in the error queue back to the input queue?", result.Out);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"all":true}"""), JsonNode.Parse(_cli.Api.Requests[0].Body!)));
    }

    [Theory]
    [InlineData]
    [InlineData("--all", "--id", "m-1")]
    public async Task Redrive_needs_exactly_one_selection(params string[] options)
    {
        var result = await _cli.RunAsync(["error-queue", "redrive", "--yes", .. options]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(_cli.Api.Requests);
    }
}
