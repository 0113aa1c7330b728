using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IssueSync.Harness;

/// <summary>Queue depths by passive declare: it reads without creating anything.</summary>
public static class QueueInspector
{
    /// <summary>Ready messages and consumers of each queue; a queue that does not exist is reported as absent.</summary>
    public static async Task<IReadOnlyList<QueueDepth>> DepthsAsync(Uri rabbitMqUri, IEnumerable<string> queues, CancellationToken cancellationToken = default)
    {
        var factory = new ConnectionFactory { Uri = rabbitMqUri, ClientProvidedName = "soak-queue-inspector", RequestedConnectionTimeout = TimeSpan.FromSeconds(10) };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        var depths = new List<QueueDepth>();
        foreach (var queue in queues)
        {
            // A passive declare of a missing queue closes the channel: one channel per queue.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            try
            {
                var ok = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
                depths.Add(new QueueDepth(queue, true, ok.MessageCount, ok.ConsumerCount));
            }
            catch (OperationInterruptedException)
            {
                depths.Add(new QueueDepth(queue, false, 0, 0));
            }
        }

        return depths;
    }

    /// <summary>The input queue and the two MassTransit queues beside it.</summary>
    public static IReadOnlyList<string> WorkerQueues(string inputQueue) => [inputQueue, inputQueue + "_error", inputQueue + "_skipped"];
}

public sealed record QueueDepth(string Queue, bool Exists, uint Messages, uint Consumers);
