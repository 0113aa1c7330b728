using System.Collections.Concurrent;
using IssueSync.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IssueSync.IntegrationTests.Infrastructure;

/// <summary>A separate bus, as an upstream service would have, collecting the result events the worker publishes.</summary>
public sealed class EventListener : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private EventListener(ServiceProvider provider) => _provider = provider;

    public ConcurrentQueue<IssueCreated> Created { get; } = new();

    public ConcurrentQueue<IssueCreationFailed> Failed { get; } = new();

    public ConcurrentQueue<ConnectionReauthorizationRequired> Reauthorization { get; } = new();

    public static async Task<EventListener> StartAsync(IntegrationServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        EventListener? listener = null;
        var collection = new ServiceCollection();
        collection.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(services.RabbitMqUri);
                cfg.ReceiveEndpoint(services.UniqueName("events"), e =>
                {
                    e.AutoDelete = true;
                    e.Durable = false;
                    e.Handler<IssueCreated>(c => Add(listener!.Created, c.Message));
                    e.Handler<IssueCreationFailed>(c => Add(listener!.Failed, c.Message));
                    e.Handler<ConnectionReauthorizationRequired>(c => Add(listener!.Reauthorization, c.Message));
                });
            });
        });
        var provider = collection.BuildServiceProvider();
        listener = new EventListener(provider);
        await provider.GetRequiredService<IBusControl>().StartAsync();
        return listener;
    }

    public static async Task<T> WaitForAsync<T>(ConcurrentQueue<T> queue, Func<T, bool> match, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = queue.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching {typeof(T).Name} arrived.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.GetRequiredService<IBusControl>().StopAsync();
        await _provider.DisposeAsync();
    }

    private static Task Add<T>(ConcurrentQueue<T> queue, T item)
    {
        queue.Enqueue(item);
        return Task.CompletedTask;
    }
}
