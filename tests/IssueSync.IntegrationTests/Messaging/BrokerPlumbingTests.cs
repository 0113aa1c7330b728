using System.Text;
using IssueSync.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IssueSync.IntegrationTests.Messaging;

/// <summary>The MassTransit + RabbitMQ plumbing everything else relies on, on the real broker.</summary>
public sealed class BrokerPlumbingTests(IntegrationServices services)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Message_round_trips_through_a_quorum_queue()
    {
        var queue = services.UniqueName("roundtrip");
        var received = new TaskCompletionSource<PlumbingPing>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var provider = BuildBus(queue, cfg => cfg.Handler<PlumbingPing>(context =>
        {
            received.TrySetResult(context.Message);
            return Task.CompletedTask;
        }));
        var bus = await StartBusAsync(provider);

        var sent = new PlumbingPing(Guid.NewGuid(), "hello over AMQP");
        var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{queue}"));
        await endpoint.Send(sent, TestContext.Current.CancellationToken);

        var message = await received.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal(sent, message);
        await services.AssertQueueIsQuorumAsync(queue);
    }

    [Fact]
    public async Task Consumer_exception_lands_the_message_in_the_error_queue_with_fault_headers()
    {
        var queue = services.UniqueName("faulting");
        var faultSeen = new TaskCompletionSource<Fault<PlumbingPing>>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var provider = BuildBus(queue,
            cfg => cfg.Handler<PlumbingPing>(_ => throw new InvalidOperationException("the consumer failed on purpose")),
            observeFaults: fault => faultSeen.TrySetResult(fault));
        var bus = await StartBusAsync(provider);

        var sent = new PlumbingPing(Guid.NewGuid(), "this one fails");
        var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{queue}"));
        await endpoint.Send(sent, TestContext.Current.CancellationToken);

        var fault = await faultSeen.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal(sent.Id, fault.Message.Id);
        Assert.Equal("System.InvalidOperationException", Assert.Single(fault.Exceptions).ExceptionType);

        var dead = await GetFromQueueAsync(queue + "_error");
        Assert.Equal("fault", Header(dead, "MT-Reason"));
        Assert.Equal("System.InvalidOperationException", Header(dead, "MT-Fault-ExceptionType"));
        Assert.Equal("the consumer failed on purpose", Header(dead, "MT-Fault-Message"));
        Assert.Contains(queue, Header(dead, "MT-Fault-InputAddress"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Header(dead, "MT-Fault-StackTrace")));
        Assert.Contains(sent.Id.ToString(), Encoding.UTF8.GetString(dead.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void MassTransit_is_the_open_source_8x_line()
    {
        // 9.x is a commercial licence; Directory.Build.targets fails the build too, this guards the resolved assembly.
        Assert.Equal(8, typeof(IBus).Assembly.GetName().Version!.Major);
        Assert.Equal(8, typeof(RabbitMqBusFactoryConfiguratorExtensions).Assembly.GetName().Version!.Major);
    }

    private ServiceProvider BuildBus(string queue, Action<IRabbitMqReceiveEndpointConfigurator> configure, Action<Fault<PlumbingPing>>? observeFaults = null)
    {
        services.EnsureAvailable();
        var collection = new ServiceCollection();
        collection.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(services.RabbitMqUri);
                cfg.ReceiveEndpoint(queue, e =>
                {
                    e.SetQuorumQueue();
                    e.ConfigureConsumeTopology = false;
                    configure(e);
                });
                if (observeFaults is not null)
                {
                    cfg.ReceiveEndpoint(queue + "-faults", e =>
                    {
                        e.AutoDelete = true;
                        e.Durable = false;
                        e.Handler<Fault<PlumbingPing>>(context =>
                        {
                            observeFaults(context.Message);
                            return Task.CompletedTask;
                        });
                    });
                }
            });
        });
        return collection.BuildServiceProvider();
    }

    private static async Task<IBusControl> StartBusAsync(ServiceProvider provider)
    {
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(TestContext.Current.CancellationToken);
        return bus;
    }

    private async Task<BasicGetResult> GetFromQueueAsync(string queue)
    {
        await using var connection = await services.ConnectRabbitMqAsync();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            // The fault event and the move to _error are separate steps, and MassTransit declares the _error queue
            // only when it moves the first message there: poll until the queue exists and holds the message.
            await using (var channel = await connection.CreateChannelAsync())
            {
                try
                {
                    var result = await channel.BasicGetAsync(queue, autoAck: true);
                    if (result is not null)
                    {
                        return result;
                    }
                }
                catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
                {
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No message arrived in {queue} within {Patience}.");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static string Header(BasicGetResult message, string name)
    {
        var headers = message.BasicProperties.Headers ?? throw new InvalidOperationException("The message has no headers.");
        return headers.TryGetValue(name, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => "",
            _ => value.ToString() ?? "",
        } : throw new InvalidOperationException($"Header {name} is missing; present: {string.Join(", ", headers.Keys)}");
    }
}

public sealed record PlumbingPing(Guid Id, string Text);
