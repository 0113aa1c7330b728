using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Worker.Options;
using IssueSync.Worker.Pipeline;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Messaging;

/// <summary>
/// Sees what the consumer never sees: bodies that cannot be read as a command (bad JSON, a missing required
/// property, a wrong type) and envelopes of an unknown message type. MassTransit moves those to the
/// <c>_error</c> and <c>_skipped</c> queues; this records each with its reason and raw body, and answers with
/// <see cref="IssueCreationFailed"/> when an idempotency key can be read from the body.
/// </summary>
public sealed class RejectedMessageObserver(IServiceScopeFactory scopes, IOptions<WorkerOptions> options, ILogger<RejectedMessageObserver> logger) : IReceiveObserver
{
    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public async Task PostReceive(ReceiveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsInputQueue(context) || context.IsDelivered || context.IsFaulted)
        {
            return;
        }

        var type = TryReadEnvelopeTypes(context);
        await RecordAsync(context, FailureReasons.MalformedCommand,
            $"No consumer for this message type ({type ?? "unknown"}): the input queue accepts IssueSync.Contracts.CreateIssue only. It was moved to the _skipped queue.",
            type);
    }

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

        // MassTransit wraps the deserializer's exception; its message names the property that was wrong.
        var cause = exception.InnerException ?? exception;
        await RecordAsync(context, FailureReasons.MalformedCommand,
            $"The message could not be read as a CreateIssue command: {cause.Message} It was moved to the _error queue.", null);
    }

    private bool IsInputQueue(ReceiveContext context) =>
        context.InputAddress?.AbsolutePath.EndsWith("/" + options.Value.InputQueue, StringComparison.Ordinal) == true;

    private async Task RecordAsync(ReceiveContext context, string reasonCode, string reason, string? messageType)
    {
        try
        {
            var (key, connection, correlation) = TryReadIdentity(context);
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<RejectedMessageStore>();
            await store.RecordAsync(context, reasonCode, reason, key, CancellationToken.None, messageType);
            if (key is not null)
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

    // Best effort: the body may be an envelope ({"message": {...}}) or the raw command.
    private static (string? Key, string? Connection, string? Correlation) TryReadIdentity(ReceiveContext context)
    {
        try
        {
            using var document = JsonDocument.Parse(context.Body.GetBytes());
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.Object)
            {
                root = inner;
            }

            return (Text(root, "idempotencyKey"), Text(root, "connectionId"), Text(root, "correlationId"));
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private static string? TryReadEnvelopeTypes(ReceiveContext context)
    {
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
}
