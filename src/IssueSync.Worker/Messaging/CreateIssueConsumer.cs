using IssueSync.Contracts;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Pipeline;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Messaging;

/// <summary>
/// Receives <see cref="CreateIssue"/> (MassTransit envelope or raw JSON), records it in the ledger once per
/// idempotency key, answers repeats from the ledger, and makes the first attempt. Every outcome, including a
/// rejection, is recorded and acknowledged: the worker never crash-loops on a bad message.
/// </summary>
public sealed class CreateIssueConsumer(
    CommandLedger ledger,
    CommandProcessor processor,
    ResultPublisher results,
    RejectedMessageStore rejected,
    IOptions<WorkerOptions> options,
    ILogger<CreateIssueConsumer> logger) : IConsumer<CreateIssue>
{
    public async Task Consume(ConsumeContext<CreateIssue> context)
    {
        var message = context.Message;
        var size = context.ReceiveContext.Body.Length ?? 0;
        if (size > options.Value.MaxMessageBytes)
        {
            var reason = $"The message is {size:N0} bytes; the maximum is {options.Value.MaxMessageBytes:N0} bytes.";
            await RejectAsync(context, FailureReasons.MessageTooLarge, reason);
            return;
        }

        if (string.IsNullOrWhiteSpace(message.IdempotencyKey) || message.IdempotencyKey.Length > CreateIssueRules.MaxIdempotencyKeyLength)
        {
            await RejectAsync(context, FailureReasons.MalformedCommand,
                $"idempotencyKey is required and must be 1 to {CreateIssueRules.MaxIdempotencyKeyLength} characters.");
            return;
        }

        var entry = await ledger.RecordAsync(message, context.SentTime, context.CancellationToken);
        if (entry.Conflict)
        {
            await RejectAsync(context, FailureReasons.IdempotencyKeyConflict,
                $"The idempotency key '{message.IdempotencyKey}' was first used at {entry.Command.ReceivedAt:O} for a command with different content; " +
                "the first command is kept and this one is rejected. Use a new key for a different issue.");
            return;
        }

        if (!entry.IsNew)
        {
            logger.LogInformation("Command {IdempotencyKey} delivered again; it is {State}", message.IdempotencyKey, entry.Command.State);
            if (entry.Command.State is CommandState.Created or CommandState.Failed or CommandState.Discarded)
            {
                await results.PublishResultAsync(entry.Command, alreadyExisted: entry.Command.State == CommandState.Created, context.CancellationToken);
                return;
            }
        }

        await processor.ProcessAsync(entry.Command.Id, viaMessage: true, context.CancellationToken);
    }

    private async Task RejectAsync(ConsumeContext<CreateIssue> context, string reasonCode, string reason)
    {
        await rejected.RecordAsync(context.ReceiveContext, reasonCode, reason, context.Message.IdempotencyKey, context.CancellationToken);
        await results.PublishRejectedAsync(context.Message.IdempotencyKey ?? "", context.Message.ConnectionId, context.Message.CorrelationId,
            reasonCode, reason, context.CancellationToken);
    }
}
