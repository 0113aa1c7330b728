using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssueSync.Contracts;
using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.Worker.Persistence.Entities;
using RabbitMQ.Client;

namespace IssueSync.IntegrationTests.Worker;

/// <summary>
/// Hostile and broken messages against a real worker process: none may stop, stall or exhaust it. Each ends
/// recorded with a readable reason within seconds, and the process goes on creating valid issues.
/// </summary>
public sealed class HostileInputProcessTests(IntegrationServices services)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Hostile_messages_never_take_the_worker_down_and_each_ends_with_a_readable_reason()
    {
        await using var scenario = await PipelineScenario.StartAsync(services);
        await scenario.StopWorkerAsync(0);
        using var worker = await WorkerProcess.StartAsync(scenario.Settings, "hostile-pod");
        var output = TestContext.Current.TestOutputHelper;

        // 28 KB of emphasis that used to overflow the converter's stack and kill the process.
        await PublishAsync(scenario, Command("stack", c => c with { DescriptionMarkdown = new string('*', 14_000) + "a" + new string('*', 14_000) }));
        var stack = await TerminalAsync(scenario, "stack");
        Assert.True(worker.IsAlive, $"the worker died:\n{worker.Output}");
        Assert.True(stack.State is CommandState.Created || (stack.State == CommandState.Failed && !string.IsNullOrWhiteSpace(stack.LastError)));

        // Pathological Markdown as large as a message may be: refused or converted within a fixed CPU budget.
        var cpuBefore = worker.CpuTime;
        await PublishAsync(scenario, Command("links", c => c with { DescriptionMarkdown = string.Concat(Enumerable.Repeat("[a](", 60_000)) }));
        var links = await TerminalAsync(scenario, "links");
        var cpu = worker.CpuTime - cpuBefore;
        output?.WriteLine($"240 KB of '[a](': {links.State} ({links.ReasonCode}) using {cpu.TotalMilliseconds:0} ms of the worker's CPU");
        Assert.True(cpu < TimeSpan.FromSeconds(5), $"the worker spent {cpu} of CPU on one description");
        Assert.Equal(CommandState.Failed, links.State);
        Assert.Contains("description", links.FieldErrorsJson, StringComparison.Ordinal);

        // Deep structures: quotes 5,000 deep, caller ADF 2,000 deep (refused while the JSON is read), a card with a script URL.
        await PublishAsync(scenario, Command("quotes", c => c with { DescriptionMarkdown = new string('>', 5_000) + " deep" }));
        await PublishRawAsync(scenario, Encoding.UTF8.GetBytes(DeepAdfCommand("deep-adf", 2_000)));
        await PublishAsync(scenario, Command("card", c => c with
        {
            DescriptionMarkdown = null,
            DescriptionAdf = JsonSerializer.SerializeToElement(new JsonObject
            {
                ["version"] = 1, ["type"] = "doc",
                ["content"] = new JsonArray(new JsonObject
                {
                    ["type"] = "paragraph",
                    ["content"] = new JsonArray(new JsonObject { ["type"] = "inlineCard", ["attrs"] = new JsonObject { ["url"] = "javascript:alert(1)" } }),
                }),
            }),
        }));
        var quotes = await TerminalAsync(scenario, "quotes");
        Assert.True(quotes.State is CommandState.Created or CommandState.Failed, $"quotes: {quotes.State}");
        var card = await TerminalAsync(scenario, "card");
        Assert.Equal(FailureReasons.InvalidAdf, card.ReasonCode);
        var deep = await scenario.WaitForRejectionAsync("deep-adf", TimeSpan.FromSeconds(60));
        Assert.Equal(FailureReasons.MalformedCommand, deep.ReasonCode);
        Assert.True(deep.Reason.Contains("nested deeper than 128 levels", StringComparison.Ordinal), deep.Reason);

        // A 20 MB message is refused by its size before anything reads it.
        var rssBefore = worker.PeakRssMiB;
        await PublishAsync(scenario, Command("huge", c => c with { DescriptionMarkdown = new string('x', 20 * 1024 * 1024) }));
        var huge = await scenario.WaitForRejectionAsync("huge", TimeSpan.FromSeconds(60));
        var rssAfter = worker.PeakRssMiB;
        output?.WriteLine($"20 MB message: {huge.ReasonCode}; the worker's peak RSS went from {rssBefore:0} MiB to {rssAfter:0} MiB");
        Assert.Equal(FailureReasons.MessageTooLarge, huge.ReasonCode);
        Assert.True(rssAfter - rssBefore < 200, $"the worker's peak RSS grew by {rssAfter - rssBefore:0} MiB for one refused message");

        // Valid emoji descriptions are created (Jira counts UTF-16 code units, not escapes).
        await PublishAsync(scenario, Command("emoji", c => c with { DescriptionMarkdown = string.Concat(Enumerable.Repeat("🚀", 2_900)) }));
        var emoji = await TerminalAsync(scenario, "emoji");
        Assert.True(emoji.State == CommandState.Created, $"emoji: {emoji.State} {emoji.ReasonCode} {emoji.LastError}");
        Assert.True(worker.IsAlive, $"the worker died:\n{worker.Output}");
    }

    private static CreateIssue Command(string key, Func<CreateIssue, CreateIssue> change) => PipelineScenario.Command(key, change);

    private static string DeepAdfCommand(string key, int depth)
    {
        var json = new StringBuilder();
        json.Append($$"""{"idempotencyKey":"{{key}}","connectionId":"acme","projectKey":"OPS","issueType":"Task","summary":"deep","descriptionAdf":""");
        for (var i = 0; i < depth; i++)
        {
            json.Append("""{"type":"blockquote","content":[""");
        }

        for (var i = 0; i < depth; i++)
        {
            json.Append("]}");
        }

        return json.Append('}').ToString();
    }

    private static Task PublishAsync(PipelineScenario scenario, CreateIssue command) =>
        PublishRawAsync(scenario, JsonSerializer.SerializeToUtf8Bytes(command, Web));

    private static async Task PublishRawAsync(PipelineScenario scenario, byte[] body)
    {
        var factory = new ConnectionFactory { Uri = scenario.Settings.RabbitMqUri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicPublishAsync(scenario.Settings.InputQueue, "", false,
            new BasicProperties { ContentType = "application/json", MessageId = Guid.NewGuid().ToString(), Persistent = true }, body);
    }

    private static async Task<IssueCommand> TerminalAsync(PipelineScenario scenario, string key) =>
        Assert.Single(await scenario.WaitForTerminalAsync([key], TimeSpan.FromSeconds(60)));
}
