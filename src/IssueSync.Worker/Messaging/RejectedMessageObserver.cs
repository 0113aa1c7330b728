using System.Runtime.Serialization;
using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Pipeline;
using MassTransit;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;

namespace IssueSync.Worker.Messaging;

/// <summary>
/// Sees what the consumer never sees: bodies that cannot be read as a command (bad JSON, a missing required
/// property, a wrong type) and envelopes of an unknown message type. MassTransit moves those to the
/// <c>_error</c> and <c>_skipped</c> queues; this records each with its reason and raw body, and answers with
/// <see cref="IssueCreationFailed"/> when an idempotency key can be read from the body and no ledger entry has it.
/// A fault of the transport (a broker restart, a closed channel, a shutdown) or of the database is not a property
/// of the message: the failure policy says to let it be delivered again, and nothing is recorded.
/// </summary>
public sealed class RejectedMessageObserver(IServiceScopeFactory scopes, IOptions<WorkerOptions> options, ILogger<RejectedMessageObserver> logger) : IReceiveObserver
{
    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public async Task PostReceive(ReceiveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsInputQueue(context) || context.IsDelivered || context.IsFaulted || context.CancellationToken.IsCancellationRequested
            || context.TryGetPayload<RejectionRecorded>(out _))
        {
            return;
        }

        var type = TryReadEnvelopeTypes(context);
        await RecordAsync(context, FailureReasons.MalformedCommand,
            $"No consumer for this message type ({type ?? "unknown"}): the input queue accepts IssueSync.Contracts.CreateIssue only. It was moved to the _skipped queue.",
            type);
    }

    /// <summary>Records a body refused for its size alone (<see cref="MessageSizeFilter"/>), answering its key if one can be read.</summary>
    public Task RecordOversizeAsync(ReceiveContext context, string reason) => RecordAsync(context, FailureReasons.MessageTooLarge, reason, null);

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public async Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);
        if (!IsInputQueue(context))
        {
            return;
        }

        var condition = Classify(context, exception);
        switch (FailurePolicy.For(condition).Kind)
        {
            case DispositionKind.Reject:
                await RecordAsync(context, FailureReasons.MalformedCommand,
                    $"The message could not be read as a CreateIssue command: {ReadableCause(exception)} It was moved to the _error queue.", null);
                break;
            case DispositionKind.Redeliver or DispositionKind.PauseConsumption:
                logger.LogInformation("Message {MessageId} was interrupted ({Condition}: {Error}); the broker delivers it again",
                    context.GetMessageId(), condition, exception.GetBaseException().Message);
                break;
            default:
                await RecordAsync(context, FailureReasons.WorkerError,
                    $"The worker failed on this message ({exception.GetBaseException().GetType().Name}: {exception.GetBaseException().Message}). " +
                    "It was moved to the _error queue; re-drive it from there once the cause is fixed.", null, answer: false);
                break;
        }
    }

    /// <summary>What a fault of the receive pipeline stands for, in the terms of the failure policy.</summary>
    public static FailureCondition Classify(ReceiveContext context, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);
        if (context.CancellationToken.IsCancellationRequested)
        {
            return FailureCondition.BrokerInterrupted;
        }

        return Classify(exception);
    }

    public static FailureCondition Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (TransientDatabaseFault.Is(exception))
        {
            return FailureCondition.DatabaseUnavailable;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OperationCanceledException or AlreadyClosedException or OperationInterruptedException or BrokerUnreachableException
                    or ConnectionException or IOException:
                    return FailureCondition.BrokerInterrupted;
                case SerializationException or JsonException or FormatException or NotSupportedException:
                    return FailureCondition.MalformedMessage;
            }
        }

        return FailureCondition.WorkerError;
    }

    // System.Text.Json names the property and the expected type in its path ("$.summary"); say both.
    private static string ReadableCause(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                if (json.Message.Contains("maximum configured depth", StringComparison.Ordinal))
                {
                    return $"its JSON is nested deeper than {Microsoft.Extensions.Hosting.WorkerHostingExtensions.MaxJsonDepth} levels.";
                }

                var at = json.Path is { Length: > 0 } path ? $" at {path}" : "";
                var message = json.InnerException is InvalidOperationException inner ? inner.Message : json.Message.Split(" Path:")[0];
                return $"the value{at} has the wrong form ({message.TrimEnd('.')}).";
            }
        }

        return (exception.InnerException ?? exception).Message;
    }

    private bool IsInputQueue(ReceiveContext context) =>
        context.InputAddress?.AbsolutePath.EndsWith("/" + options.Value.InputQueue, StringComparison.Ordinal) == true;

    private async Task RecordAsync(ReceiveContext context, string reasonCode, string reason, string? messageType, bool answer = true)
    {
        // MassTransit may report one fault more than once (the receive pipe, then the error transport): one record.
        if (context.TryGetPayload<RejectionRecorded>(out _))
        {
            return;
        }

        context.GetOrAddPayload(() => new RejectionRecorded());
        try
        {
            var (key, connection, correlation) = TryReadIdentity(context);
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<RejectedMessageStore>();
            await store.RecordAsync(context, reasonCode, reason, key, CancellationToken.None, messageType);
            if (answer && key is { Length: > 0 and <= Persistence.Entities.IssueCommand.MaxIdempotencyKeyLength }
                && await scope.ServiceProvider.GetRequiredService<CommandLedger>().FindByKeyAsync(key, CancellationToken.None) is null)
            {
                var results = scope.ServiceProvider.GetRequiredService<ResultPublisher>();
                await results.PublishRejectedAsync(key, connection, correlation, reasonCode, reason, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            // Never let recording a rejection break the receive pipeline; the message is in _error/_skipped anyway.
            logger.LogError(ex, "Could not record rejected message {MessageId}", context.GetMessageId());
        }
    }

    // Best effort, and bounded: the body may be an envelope ({"message": {...}}) or the raw command, of any size.
    private static (string? Key, string? Connection, string? Correlation) TryReadIdentity(ReceiveContext context)
    {
        var identity = MessageIdentity.Read(RejectedMessageStore.Prefix(context, MessageIdentity.ScanBytes));
        return (identity.IdempotencyKey, identity.ConnectionId, identity.CorrelationId);
    }

    private static string? TryReadEnvelopeTypes(ReceiveContext context)
    {
        if ((context.Body.Length ?? 0) > MessageIdentity.ScanBytes)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(context.Body.GetBytes());
            return document.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array
                ? string.Join(", ", types.EnumerateArray().Select(t => t.GetString()))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private sealed class RejectionRecorded;
}
