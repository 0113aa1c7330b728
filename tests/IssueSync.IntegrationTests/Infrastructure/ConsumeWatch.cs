using MassTransit;

namespace IssueSync.IntegrationTests.Infrastructure;

/// <summary>
/// Observes a replica's consumers: how many deliveries started and finished, and when MassTransit cancelled a
/// running consumer (at shutdown or when the broker connection drops). Register with
/// <c>configureBus: x => x.AddConsumeObserver(_ => watch)</c>.
/// </summary>
public sealed class ConsumeWatch : IConsumeObserver
{
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;
    private int _finished;

    public int Started => Volatile.Read(ref _started);

    public int Finished => Volatile.Read(ref _finished);

    /// <summary>Completes when a running consumer's cancellation token was cancelled.</summary>
    public Task Cancelled => _cancelled.Task;

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        Interlocked.Increment(ref _started);
        context.CancellationToken.Register(() => _cancelled.TrySetResult());
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        Interlocked.Increment(ref _finished);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        Interlocked.Increment(ref _finished);
        return Task.CompletedTask;
    }
}
