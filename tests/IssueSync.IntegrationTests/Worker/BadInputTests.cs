using System.Text;
using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;

namespace IssueSync.IntegrationTests.Worker;

/// <summary>
/// Every malformed, oversized or invalid command ends in a recorded, readable state an operator can act on, and
/// the worker goes on: each test ends by getting a valid command created after the bad one.
/// </summary>
public sealed class BadInputTests(IntegrationServices services, BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private PipelineScenario Scenario => fixture.Scenario;

    [Theory]
    [InlineData("unknown-connection", FailureReasons.UnknownConnection, "")]
    [InlineData("summary-missing", FailureReasons.Validation, "summary")]
    [InlineData("summary-too-long", FailureReasons.Validation, "summary")]
    [InlineData("summary-multi-line", FailureReasons.Validation, "summary")]
    [InlineData("description-too-long", FailureReasons.TextTooLong, "description")]
    [InlineData("invalid-caller-adf", FailureReasons.InvalidAdf, "description")]
    [InlineData("label-with-space", FailureReasons.Validation, "labels")]
    [InlineData("unknown-priority", FailureReasons.Validation, "priority")]
    [InlineData("unknown-component", FailureReasons.Validation, "components")]
    [InlineData("unknown-issue-type", FailureReasons.Validation, "issuetype")]
    [InlineData("components-on-team-managed", FailureReasons.Validation, "components")]
    [InlineData("missing-required-custom-field", FailureReasons.Validation, "customfield_10050")]
    [InlineData("due-date-not-a-date", FailureReasons.Validation, "duedate")]
    public async Task An_invalid_command_fails_with_a_readable_reason_and_no_Jira_issue(string @case, string reason, string field)
    {
        var key = $"bad-{@case}-{Guid.NewGuid():N}";
        var command = Invalid(@case, PipelineScenario.Command(key));

        await Scenario.SendAsync(command);

        var recorded = Assert.Single(await Scenario.WaitForTerminalAsync([key]));
        Assert.Equal(CommandState.Failed, recorded.State);
        Assert.Equal(reason, recorded.ReasonCode);
        Assert.False(string.IsNullOrWhiteSpace(recorded.LastError));
        if (field.Length > 0)
        {
            var errors = JsonSerializer.Deserialize<List<FieldError>>(recorded.FieldErrorsJson!, Web)!;
            Assert.Contains(errors, e => e.Field == field);
        }

        Assert.Equal(1, recorded.Attempts);
        Assert.DoesNotContain(await Scenario.Simulator.Admin.GetIssuesAsync(), i => i.Labels.Contains(recorded.DedupeLabel ?? "-"));
        var failed = await EventListener.WaitForAsync(fixture.Events.Failed, e => e.IdempotencyKey == key);
        Assert.Equal(reason, failed.ReasonCode);
        await AssertWorkerGoesOnAsync();
    }

    [Fact]
    public async Task Malformed_json_is_recorded_with_its_raw_body()
    {
        const string body = """{"idempotencyKey": "broken-1", "summary": "unterminated""";
        var messageId = await PublishRawAsync(body, "application/json");

        var rejected = await WaitForRejectedAsync(messageId);
        Assert.Equal(FailureReasons.MalformedCommand, rejected.ReasonCode);
        Assert.Equal(body, rejected.RawBody);
        Assert.Contains("could not be read", rejected.Reason, StringComparison.Ordinal);
        await AssertWorkerGoesOnAsync();
    }

    [Fact]
    public async Task A_value_of_the_wrong_json_type_is_rejected_naming_the_property_and_the_type()
    {
        var key = $"wrong-type-{Guid.NewGuid():N}";
        await PublishRawAsync($$"""{"idempotencyKey":"{{key}}","connectionId":"acme","projectKey":"OPS","issueType":"Task","summary":42}""", "application/json");

        var rejected = await Scenario.WaitForRejectionAsync(key);
        Assert.Equal(FailureReasons.MalformedCommand, rejected.ReasonCode);
        Assert.True(rejected.Reason.Contains("$.summary", StringComparison.Ordinal) && rejected.Reason.Contains("string", StringComparison.OrdinalIgnoreCase),
            rejected.Reason);
        await AssertWorkerGoesOnAsync();
    }

    [Fact]
    public async Task A_command_without_an_idempotency_key_is_recorded_and_answered()
    {
        var body = JsonSerializer.Serialize(new { connectionId = "acme", projectKey = "OPS", issueType = "Task", summary = "no key", correlationId = "corr-nokey" });
        var messageId = await PublishRawAsync(body, "application/json");

        var rejected = await WaitForRejectedAsync(messageId);
        Assert.Equal(FailureReasons.MalformedCommand, rejected.ReasonCode);
        Assert.Contains("idempotencyKey", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(body, rejected.RawBody);
        await AssertWorkerGoesOnAsync();
    }

    [Fact]
    public async Task An_unknown_message_type_is_recorded()
    {
        var envelope = JsonSerializer.Serialize(new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { "urn:message:Acme.Billing:InvoicePaid" },
            message = new { invoiceId = 42 },
        });
        var messageId = await PublishRawAsync(envelope, "application/vnd.masstransit+json");

        var rejected = await WaitForRejectedAsync(messageId);
        Assert.Equal(FailureReasons.MalformedCommand, rejected.ReasonCode);
        Assert.Contains("urn:message:Acme.Billing:InvoicePaid", rejected.Reason, StringComparison.Ordinal);
        await AssertWorkerGoesOnAsync();
    }

    [Fact]
    public async Task A_raw_json_command_from_another_language_creates_the_issue()
    {
        var key = $"raw-{Guid.NewGuid():N}";
        var body = $$"""{"idempotencyKey":"{{key}}","connectionId":"acme","projectKey":"OPS","issueType":"Task","summary":"Sent as plain JSON","labels":["python"]}""";

        await PublishRawAsync(body, "application/json");

        var command = Assert.Single(await Scenario.WaitForTerminalAsync([key]));
        Assert.Equal(CommandState.Created, command.State);
    }

    [Fact]
    public async Task An_oversize_message_is_rejected_and_answered()
    {
        var key = $"huge-{Guid.NewGuid():N}";
        var command = PipelineScenario.Command(key) with { DescriptionMarkdown = new string('x', BadInputFixture.MaxMessageBytes + 10_000) };

        await Scenario.SendAsync(command);

        var failed = await EventListener.WaitForAsync(fixture.Events.Failed, e => e.IdempotencyKey == key);
        Assert.Equal(FailureReasons.MessageTooLarge, failed.ReasonCode);
        var rejected = await Scenario.WithDbAsync(db => db.RejectedMessages.AsNoTracking().SingleAsync(r => r.IdempotencyKey == key));
        Assert.Equal(FailureReasons.MessageTooLarge, rejected.ReasonCode);
        Assert.True(rejected.BodyLength > BadInputFixture.MaxMessageBytes);
        Assert.Empty(await Scenario.CommandsAsync([key]));
        await AssertWorkerGoesOnAsync();
    }

    [Fact]
    public async Task A_reused_idempotency_key_with_other_content_is_rejected_and_the_first_kept()
    {
        var key = $"reuse-{Guid.NewGuid():N}";
        await Scenario.SendAsync(PipelineScenario.Command(key));
        var first = Assert.Single(await Scenario.WaitForTerminalAsync([key]));

        await Scenario.SendAsync(PipelineScenario.Command(key, c => c with { Summary = "Something else entirely" }));

        // The rejection is recorded for operators; the key's command is answered from the ledger (created), never
        // also "failed" — a producer would not know which answer to believe.
        var rejected = await Scenario.WaitForRejectionAsync(key);
        Assert.Equal(FailureReasons.IdempotencyKeyConflict, rejected.ReasonCode);
        Assert.DoesNotContain(fixture.Events.Failed, e => e.IdempotencyKey == key);
        var after = Assert.Single(await Scenario.CommandsAsync([key]));
        Assert.Equal(first.Summary, after.Summary);
        Assert.Equal(first.ContentHash, after.ContentHash);
        Assert.Equal(first.JiraIssueKey, after.JiraIssueKey);
        Assert.Equal(1, await Scenario.WithDbAsync(db => db.RejectedMessages.CountAsync(r => r.IdempotencyKey == key)));
    }

    private static CreateIssue Invalid(string @case, CreateIssue command) => @case switch
    {
        "unknown-connection" => command with { ConnectionId = "nobody" },
        "summary-missing" => command with { Summary = "  " },
        "summary-too-long" => command with { Summary = new string('s', 256) },
        "summary-multi-line" => command with { Summary = "first line\nsecond line" },
        "description-too-long" => command with { DescriptionMarkdown = string.Join("\n\n", Enumerable.Repeat("A paragraph of a very long bug report.", 1500)) },
        "invalid-caller-adf" => command with
        {
            DescriptionMarkdown = null,
            DescriptionAdf = JsonDocument.Parse("""{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":""}]}]}""").RootElement,
        },
        "label-with-space" => command with { Labels = ["Test Application"] },
        "unknown-priority" => command with { Priority = "Blocker-ish" },
        "unknown-component" => command with { Components = ["Mainframe"] },
        "unknown-issue-type" => command with { IssueType = "Epic Saga" },
        "components-on-team-managed" => command with { ProjectKey = "TEAM", Components = ["Backend"] },
        "missing-required-custom-field" => command with { IssueType = "Bug" },
        "due-date-not-a-date" => command with { DueDate = "31/12/2026" },
        _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, null),
    };

    private async Task AssertWorkerGoesOnAsync()
    {
        var key = $"after-{Guid.NewGuid():N}";
        await Scenario.SendAsync(PipelineScenario.Command(key));
        Assert.Equal(CommandState.Created, Assert.Single(await Scenario.WaitForTerminalAsync([key])).State);
    }

    private async Task<string> PublishRawAsync(string body, string contentType)
    {
        var messageId = Guid.NewGuid().ToString();
        await using var connection = await services.ConnectRabbitMqAsync();
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties { ContentType = contentType, MessageId = messageId, Persistent = true };
        await channel.BasicPublishAsync(Scenario.Settings.InputQueue, "", mandatory: false, properties, Encoding.UTF8.GetBytes(body));
        return messageId;
    }

    private async Task<RejectedMessage> WaitForRejectedAsync(string messageId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var row = await Scenario.WithDbAsync(db => db.RejectedMessages.AsNoTracking().SingleOrDefaultAsync(r => r.MessageId == messageId));
            if (row is not null)
            {
                return row;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Message {messageId} was not recorded as rejected.");
            }

            await Task.Delay(100);
        }
    }
}
