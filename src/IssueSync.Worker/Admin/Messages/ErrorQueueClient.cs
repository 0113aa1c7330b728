using System.Text;
using IssueSync.Admin.Contracts;
using IssueSync.Worker.Options;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IssueSync.Worker.Admin.Messages;

/// <summary>
/// Reads MassTransit's <c>&lt;input-queue&gt;_error</c> queue and re-drives selected messages to the input queue —
/// by message id, by exception type, or all — instead of the shovel's "move everything". Messages are held
/// unacknowledged while the queue is scanned, so each one is looked at once and nothing is lost if the call dies.
/// </summary>
public sealed class ErrorQueueClient(IOptions<WorkerOptions> options, TimeProvider time, ILogger<ErrorQueueClient> logger)
{
    private static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", "MT-Reason", "MT-Host-"];

    private string InputQueue => options.Value.InputQueue;

    private string ErrorQueue => options.Value.InputQueue + "_error";

    public bool IsAvailable => options.Value.Transport == TransportKind.RabbitMq && options.Value.RabbitMq.Uri is not null;

    /// <summary>The answer when <see cref="IsAvailable"/> is false.</summary>
    public static IResult Unavailable() =>
        AdminProblems.NotImplemented("The error queue is a RabbitMQ feature; this worker runs on the in-memory transport.");

    /// <summary>How many messages wait in the error queue; null on the in-memory transport.</summary>
    public async Task<uint?> DepthAsync(CancellationToken cancellationToken)
    {
        if (!IsAvailable)
        {
            return null;
        }

        await using var connection = await ConnectAsync(cancellationToken);
        return await MessageCountAsync(connection, cancellationToken);
    }

    public async Task<IReadOnlyList<ErrorQueueMessage>> PeekAsync(int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, 500);
        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var messages = new List<ErrorQueueMessage>();
        var count = await MessageCountAsync(connection, cancellationToken);
        for (var i = 0; i < Math.Min(limit, count); i++)
        {
            var result = await channel.BasicGetAsync(ErrorQueue, autoAck: false, cancellationToken);
            if (result is null)
            {
                break;
            }

            messages.Add(View(result));
        }

        // Closing the channel without acknowledging puts every message back.
        return messages;
    }

    public async Task<RedriveResult> RedriveAsync(RedriveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await ConnectAsync(cancellationToken);
        var count = await MessageCountAsync(connection, cancellationToken);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var redriven = 0;
        for (var i = 0; i < count; i++)
        {
            var result = await channel.BasicGetAsync(ErrorQueue, autoAck: false, cancellationToken);
            if (result is null)
            {
                break;
            }

            if (!Matches(request, result))
            {
                continue;
            }

            var properties = new BasicProperties(result.BasicProperties) { Headers = CleanHeaders(result.BasicProperties.Headers) };
            // Published to the exchange named like the input queue (MassTransit binds it to the queue), with
            // confirmation, before the copy in _error is acknowledged.
            await channel.BasicPublishAsync(InputQueue, "", mandatory: true, properties, result.Body, cancellationToken);
            await channel.BasicAckAsync(result.DeliveryTag, multiple: false, cancellationToken);
            redriven++;
        }

        logger.LogInformation("Re-drove {Count} message(s) from {ErrorQueue} to {InputQueue}", redriven, ErrorQueue, InputQueue);
        await channel.CloseAsync(cancellationToken);
        return new RedriveResult(redriven, (int)await MessageCountAsync(connection, cancellationToken));
    }

    private static bool Matches(RedriveRequest request, BasicGetResult message)
    {
        if (request.All)
        {
            return true;
        }

        if (request.MessageIds is { Count: > 0 } ids)
        {
            return message.BasicProperties.MessageId is { } id && ids.Contains(id, StringComparer.OrdinalIgnoreCase);
        }

        return request.ExceptionType is { } type && string.Equals(Header(message, "MT-Fault-ExceptionType"), type, StringComparison.Ordinal);
    }

    private Dictionary<string, object?> CleanHeaders(IDictionary<string, object?>? headers)
    {
        var clean = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in headers ?? new Dictionary<string, object?>())
        {
            if (!FaultHeaderPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                clean[key] = value;
            }
        }

        clean["MT-Redriven-At"] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return clean;
    }

    private async Task<uint> MessageCountAsync(IConnection connection, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(ErrorQueue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = options.Value.RabbitMq.Uri!, ClientProvidedName = "issuesync-admin-error-queue" };
        return await factory.CreateConnectionAsync(cancellationToken);
    }

    private static ErrorQueueMessage View(BasicGetResult message) => new(
        message.BasicProperties.MessageId,
        Header(message, "MT-Fault-ExceptionType"),
        Header(message, "MT-Fault-Message"),
        Header(message, "MT-Reason"),
        Header(message, "MT-Fault-Timestamp"),
        Header(message, "MT-Fault-InputAddress"),
        Header(message, "MT-Fault-MessageType"),
        message.Body.Length,
        Encoding.UTF8.GetString(message.Body.Span));

    private static string? Header(BasicGetResult message, string name) =>
        message.BasicProperties.Headers is { } headers && headers.TryGetValue(name, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => null,
                _ => value.ToString(),
            }
            : null;
}
