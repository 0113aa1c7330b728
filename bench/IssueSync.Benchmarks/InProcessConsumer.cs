using System.Diagnostics;
using IssueSync.Contracts;
using IssueSync.Harness;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IssueSync.Benchmarks;

/// <summary>
/// A MassTransit 8.5 receive endpoint in this process on the same broker as the worker, with the worker's endpoint
/// settings (quorum queue, prefetch, concurrent message limit, raw JSON), running a given handler per command. Used
/// for the ceiling (a handler that does nothing) and the baseline (the naive recipe).
/// </summary>
public static class InProcessConsumer
{
    /// <summary>
    /// Declares the queue, fills it with a warm-up batch and then the run's commands, consumes them all and measures
    /// the run's commands (as the worker is measured). The handler returns true when the command did what it should
    /// (for the baseline: an issue was created).
    /// </summary>
    public static async Task<ConsumerRun> RunAsync(
        BenchOptions options, string queue, string keyPrefix, int commands, int warmup, Func<CreateIssue, CancellationToken, Task<bool>> handle,
        TimeSpan patience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meter = new Meter(commands, keyPrefix);
        // The first bus only declares the topology: the queue is then filled before anything consumes it.
        await using (var declaring = Build(options, queue, (_, _) => Task.FromResult(true), new Meter(0, keyPrefix)))
        {
            var bus = declaring.GetRequiredService<IBusControl>();
            await bus.StartAsync(cancellationToken);
            await bus.StopAsync(cancellationToken);
        }

        await using (var publisher = await CommandPublisher.ConnectAsync(options.RabbitMqUri, queue, BenchStand.PublisherConnections, cancellationToken))
        {
            if (warmup > 0)
            {
                await BenchStand.PublishAllAsync(publisher, BenchStand.WarmupPrefix(keyPrefix), warmup, cancellationToken);
            }

            await BenchStand.PublishAllAsync(publisher, keyPrefix, commands, cancellationToken);
        }

        await using var consuming = Build(options, queue, handle, meter);
        var consumer = consuming.GetRequiredService<IBusControl>();
        await consumer.StartAsync(cancellationToken);
        try
        {
            await meter.WaitAsync(patience, cancellationToken);
        }
        finally
        {
            await consumer.StopAsync(CancellationToken.None);
        }

        return meter.Result();
    }

    private static ServiceProvider Build(BenchOptions options, string queue, Func<CreateIssue, CancellationToken, Task<bool>> handle, Meter meter)
    {
        var services = new ServiceCollection();
        services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.UsingRabbitMq((_, cfg) =>
            {
                cfg.Host(options.RabbitMqUri);
                cfg.ReceiveEndpoint(queue, e =>
                {
                    e.SetQuorumQueue(1);
                    e.PrefetchCount = options.Concurrency * 2;
                    e.ConcurrentMessageLimit = options.Concurrency;
                    e.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: false);
                    e.Handler<CreateIssue>(async context =>
                    {
                        var started = Stopwatch.GetTimestamp();
                        bool ok;
                        try
                        {
                            ok = await handle(context.Message, context.CancellationToken);
                        }
                        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException
                                                       or KeyNotFoundException or IndexOutOfRangeException)
                        {
                            // A command the recipe could not create counts as consumed, not created.
                            ok = false;
                        }

                        meter.Record(context.Message.IdempotencyKey, started, ok);
                    });
                });
            });
        });
        return services.BuildServiceProvider();
    }

    /// <summary>Measures the commands of one key prefix; the others (the warm-up) only count as succeeded or not.</summary>
    private sealed class Meter(int expected, string keyPrefix)
    {
        private readonly Lock _gate = new();
        private readonly List<double> _latencies = new(expected);
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _first = long.MaxValue;
        private long _last;
        private int _succeeded;
        private int _succeededInAll;

        public void Record(string? key, long started, bool ok)
        {
            var ended = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                _succeededInAll += ok ? 1 : 0;
                if (key is null || !key.StartsWith(keyPrefix, StringComparison.Ordinal))
                {
                    return;
                }

                _first = Math.Min(_first, started);
                _last = Math.Max(_last, ended);
                _latencies.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
                _succeeded += ok ? 1 : 0;
                if (_latencies.Count >= expected)
                {
                    _all.TrySetResult();
                }
            }
        }

        public async Task WaitAsync(TimeSpan patience, CancellationToken cancellationToken)
        {
            try
            {
                await _all.Task.WaitAsync(patience, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Measured on what was consumed; the result says how many.
            }
        }

        public ConsumerRun Result()
        {
            lock (_gate)
            {
                var sorted = _latencies.Order().ToList();
                var seconds = sorted.Count == 0 ? 0 : Stopwatch.GetElapsedTime(_first, _last).TotalSeconds;
                return new ConsumerRun(expected, sorted.Count, _succeeded, seconds, WorkerRun.Percentile(sorted, 0.5), WorkerRun.Percentile(sorted, 0.99))
                {
                    SucceededInAll = _succeededInAll,
                };
            }
        }
    }
}

/// <summary>What an in-process consumer did: from its first message's start to its last message's end.</summary>
public sealed record ConsumerRun(int Commands, int Consumed, int Succeeded, double Seconds, double P50Ms, double P99Ms)
{
    /// <summary>Succeeded commands of the warm-up batch and the measured one (what the simulator's counters cover).</summary>
    public int SucceededInAll { get; init; }

    public double PerSecond => Seconds > 0 ? Succeeded / Seconds : 0;

    public string Summary() => $"{Succeeded}/{Commands} in {Seconds:0.00} s = {PerSecond:0.0}/s (consumed {Consumed}); p50 {P50Ms:0.0} ms, p99 {P99Ms:0.0} ms";
}
