using System.Collections.Concurrent;
using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IssueSync.Harness;

/// <summary>
/// Publishes raw JSON commands (<c>content_type: application/json</c>, persistent) to the exchange named like the
/// input queue, as a producer in any language does (docs/contracts), over several AMQP connections with publisher
/// confirms. A publish that is not confirmed (the broker went away) is sent again after the connection recovers;
/// <see cref="Sends"/> counts every send per key, so the verdict knows which commands may have arrived twice.
/// </summary>
public sealed class CommandPublisher : IAsyncDisposable
{
    private static readonly TimeSpan PublishPatience = TimeSpan.FromMinutes(3);
    private readonly List<Lane> _lanes;
    private readonly string _exchange;
    private readonly ConcurrentDictionary<string, int> _sends = new(StringComparer.Ordinal);
    private long _retries;

    private CommandPublisher(List<Lane> lanes, string exchange)
    {
        _lanes = lanes;
        _exchange = exchange;
    }

    public int Connections => _lanes.Count;

    /// <summary>Idempotency key → how many times it was handed to the broker (a retried, unconfirmed publish counts twice).</summary>
    public IReadOnlyDictionary<string, int> Sends => _sends;

    /// <summary>Publishes that had to be sent again because the broker did not confirm them.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public static async Task<CommandPublisher> ConnectAsync(Uri rabbitMqUri, string exchange, int connections, CancellationToken cancellationToken = default)
    {
        var lanes = new List<Lane>();
        for (var i = 1; i <= connections; i++)
        {
            var factory = BrokerConnections.Factory(rabbitMqUri, $"soak-publisher-{i}");
            var connection = await factory.CreateConnectionAsync(cancellationToken);
            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
            lanes.Add(new Lane(connection, channel));
        }

        return new CommandPublisher(lanes, exchange);
    }

    /// <summary>Publishes one command body on the given lane (connection) and waits for the broker's confirm.</summary>
    public async Task PublishAsync(int lane, string idempotencyKey, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var target = _lanes[lane % _lanes.Count];
        var clock = Stopwatch.StartNew();
        while (true)
        {
            _sends.AddOrUpdate(idempotencyKey, 1, (_, n) => n + 1);
            try
            {
                await target.Gate.WaitAsync(cancellationToken);
                try
                {
                    var properties = new BasicProperties
                    {
                        ContentType = "application/json",
                        MessageId = Guid.NewGuid().ToString(),
                        Persistent = true,
                    };
                    await target.Channel.BasicPublishAsync(_exchange, "", mandatory: true, properties, body, cancellationToken);
                    return;
                }
                finally
                {
                    target.Gate.Release();
                }
            }
            catch (Exception ex) when (IsBrokerTrouble(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (clock.Elapsed > PublishPatience)
                {
                    throw new HarnessException($"Could not publish {idempotencyKey} for {PublishPatience.TotalMinutes:0} minutes: {ex.Message}", ex);
                }

                Interlocked.Increment(ref _retries);
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            await lane.DisposeAsync();
        }
    }

    // Connection loss, a closed channel, a nack or a return: the message may or may not be on the queue.
    private static bool IsBrokerTrouble(Exception ex) =>
        ex is AlreadyClosedException or OperationInterruptedException or PublishException or BrokerUnreachableException or IOException
            or TimeoutException or ObjectDisposedException;

    private sealed class Lane(IConnection connection, IChannel channel) : IAsyncDisposable
    {
        public IChannel Channel { get; } = channel;

        /// <summary>One publish at a time per channel (a channel is not meant for concurrent publishers).</summary>
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public async ValueTask DisposeAsync()
        {
            await Channel.DisposeAsync();
            await connection.DisposeAsync();
            Gate.Dispose();
        }
    }
}
