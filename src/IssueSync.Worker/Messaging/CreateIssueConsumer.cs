using IssueSync.Contracts;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Pipeline;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Messaging;

/// <summary>
/// Receives <see cref="CreateIssue"/> (MassTransit envelope or raw JSON), admits it to the ledger once per
/// idempotency key (claimed by this replica in the same write), answers repeats from the ledger, and makes the
/// first attempt. Every outcome, including a rejection, is recorded and acknowledged: the worker never crash-loops
/// on a bad message. Once a command is in the ledger the message has done its job: shutdown hands the command
/// back to the ledger and the message is acknowledged.
/// </summary>
public sealed class CreateIssueConsumer(
    CommandLedger ledger,
    CommandProcessor processor,
    ResultPublisher results,
    RejectedMessageStore rejected,
    IOptions<ProducerOptions> producers,
    ILogger<CreateIssueConsumer> logger) : IConsumer<CreateIssue>
{
    public async Task Consume(ConsumeContext<CreateIssue> context)
    {
        // Oversize bodies never get here: MessageSizeFilter refuses them before deserialization.
        var message = context.Message;
        if (string.IsNullOrWhiteSpace(message.IdempotencyKey) || message.IdempotencyKey.Length > CreateIssueRules.MaxIdempotencyKeyLength)
        {
            await RejectAsync(context, FailureCondition.MalformedMessage,
                $"idempotencyKey is required and must be 1 to {CreateIssueRules.MaxIdempotencyKeyLength} characters.");
            return;
        }

        // Before the ledger: a producer may not even learn whether another tenant's key exists.
        if (producers.Value.Refusal(ProducerOf(context), message.ConnectionId) is { } refusal)
        {
            await RejectAsync(context, FailureCondition.ProducerNotAllowed, refusal);
            return;
        }

        var admission = await ledger.AdmitAsync(message, context.SentTime, context.CancellationToken);
        if (admission.Conflict)
        {
            await RejectAsync(context, FailureCondition.MalformedMessage,
                $"The idempotency key '{message.IdempotencyKey}' was first used at {admission.Command.ReceivedAt:O} for a command with different content; " +
                "the first command is kept and this one is rejected. Use a new key for a different issue.", FailureReasons.IdempotencyKeyConflict);
            return;
        }

        if (admission.IsNew)
        {
            await processor.RunAsync(admission.Command, context.CancellationToken);
            return;
        }

        var command = admission.Command;
        logger.LogInformation("Command {IdempotencyKey} delivered again; it is {State}", message.IdempotencyKey, command.State);
        if (command.IsTerminal)
        {
            // The broker delivering the same message again (a worker died before acknowledging it, a broker restart)
            // is not a question from the producer: its answer went out already. A new publish of the key is.
            if (context.ReceiveContext.Redelivered && command.ResultPublishedAt is not null)
            {
                return;
            }

            if (await results.TryPublishAsync(command, alreadyExisted: command.State == CommandState.Created, context.CancellationToken)
                && command.ResultPublishedAt is null)
            {
                await ledger.MarkResultPublishedAsync(command, context.CancellationToken);
            }

            return;
        }

        // Due (a lapsed lease after a crash, a retry that is due): work on it now rather than at the next dispatch.
        await processor.ClaimAndRunAsync(command, context.CancellationToken);
    }

    // RabbitMQ's user_id: the broker refuses a publish whose user_id is not the publishing connection's user.
    private static string? ProducerOf(ConsumeContext context) =>
        context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) ? rabbit.Properties.UserId : null;

    private async Task RejectAsync(ConsumeContext<CreateIssue> context, FailureCondition condition, string reason, string? reasonCode = null)
    {
        var code = reasonCode ?? FailurePolicy.For(condition).ReasonCode;
        var key = context.Message.IdempotencyKey;
        await rejected.RecordAsync(context.ReceiveContext, code, reason, key, context.CancellationToken);
        // A key that is in the ledger belongs to a command that is answered from there: never answer it "failed" here.
        if (!string.IsNullOrEmpty(key) && key.Length <= IssueCommand.MaxIdempotencyKeyLength
            && await ledger.FindByKeyAsync(key, context.CancellationToken) is null)
        {
            await results.PublishRejectedAsync(key, context.Message.ConnectionId, context.Message.CorrelationId, code, reason, context.CancellationToken);
        }
    }
}
