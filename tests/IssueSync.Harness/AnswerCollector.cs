using System.Collections.Concurrent;
using System.Text.Json;
using IssueSync.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IssueSync.Harness;

/// <summary>
/// Captures the worker's answers from the bus, as an upstream service would: its own durable quorum queue bound to
/// the answer exchanges (declared as MassTransit declares them: fanout, durable), declared before anything is
/// published, so nothing is missed even while a worker or the broker restarts. Each MassTransit envelope is kept
/// once by its <c>messageId</c>: a redelivery after a broker restart is not a second answer, a second publish is.
/// </summary>
public sealed class AnswerCollector : IAsyncDisposable
{
    public static readonly string IssueCreatedExchange = "IssueSync.Contracts:" + nameof(IssueCreated);
    public static readonly string IssueCreationFailedExchange = "IssueSync.Contracts:" + nameof(IssueCreationFailed);
    public static readonly string ReauthorizationExchange = "IssueSync.Contracts:" + nameof(ConnectionReauthorizationRequired);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly ConcurrentDictionary<string, byte> _seenMessageIds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Answer> _answers = new();
    private readonly ConcurrentQueue<ConnectionReauthorizationRequired> _reauthorizations = new();
    private long _unreadable;

    private AnswerCollector(IConnection connection, IChannel channel, string queue)
    {
        _connection = connection;
        _channel = channel;
        Queue = queue;
    }

    public string Queue { get; }

    public IReadOnlyCollection<Answer> Answers => _answers;

    public IReadOnlyCollection<ConnectionReauthorizationRequired> Reauthorizations => _reauthorizations;

    /// <summary>Messages on the queue that were not a readable answer envelope.</summary>
    public long Unreadable => Interlocked.Read(ref _unreadable);

    public static async Task<AnswerCollector> StartAsync(Uri rabbitMqUri, string queue, CancellationToken cancellationToken = default)
    {
        var connection = await BrokerConnections.Factory(rabbitMqUri, "soak-answers").CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken);
        foreach (var exchange in new[] { IssueCreatedExchange, IssueCreationFailedExchange, ReauthorizationExchange })
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(queue, exchange, "", cancellationToken: cancellationToken);
        }

        await channel.BasicQosAsync(0, 200, false, cancellationToken);
        var collector = new AnswerCollector(connection, channel, queue);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += collector.OnReceivedAsync;
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        try
        {
            Record(delivery.Body.ToArray());
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref _unreadable);
        }
        catch (KeyNotFoundException)
        {
            Interlocked.Increment(ref _unreadable);
        }

        try
        {
            await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // The broker went away before the ack: the message comes again and is recognised by its messageId.
        }
    }

    private void Record(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var envelope = document.RootElement;
        var messageId = envelope.GetProperty("messageId").GetString() ?? "";
        if (!_seenMessageIds.TryAdd(messageId, 0))
        {
            return;
        }

        var types = envelope.GetProperty("messageType").EnumerateArray().Select(t => t.GetString() ?? "").ToList();
        var message = envelope.GetProperty("message");
        var receivedAt = DateTimeOffset.UtcNow;
        if (types.Contains("urn:message:" + IssueCreatedExchange))
        {
            var created = message.Deserialize<IssueCreated>(Json) ?? throw new JsonException("empty IssueCreated");
            _answers.Enqueue(new Answer(messageId, created.IdempotencyKey, receivedAt, created, null));
        }
        else if (types.Contains("urn:message:" + IssueCreationFailedExchange))
        {
            var failed = message.Deserialize<IssueCreationFailed>(Json) ?? throw new JsonException("empty IssueCreationFailed");
            _answers.Enqueue(new Answer(messageId, failed.IdempotencyKey, receivedAt, null, failed));
        }
        else if (types.Contains("urn:message:" + ReauthorizationExchange))
        {
            _reauthorizations.Enqueue(message.Deserialize<ConnectionReauthorizationRequired>(Json) ?? throw new JsonException("empty ConnectionReauthorizationRequired"));
        }
        else
        {
            Interlocked.Increment(ref _unreadable);
        }
    }
}

/// <summary>One answer event as it came off the bus: exactly one of <see cref="Created"/> and <see cref="Failed"/> is set.</summary>
public sealed record Answer(string MessageId, string IdempotencyKey, DateTimeOffset ReceivedAt, IssueCreated? Created, IssueCreationFailed? Failed)
{
    public string Kind => Created is not null ? nameof(IssueCreated) : nameof(IssueCreationFailed);

    public override string ToString() => Created is { } c
        ? $"IssueCreated {c.IssueKey}{(c.AlreadyExisted ? " (AlreadyExisted)" : "")} on {c.CloudId}"
        : $"IssueCreationFailed {Failed!.ReasonCode}: {FirstLine(Failed.Message)} [{string.Join(", ", Failed.FieldErrors.Select(f => f.Field))}]";

    // Some messages carry a whole exception with its stack trace: the first line says enough.
    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].TrimEnd();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
