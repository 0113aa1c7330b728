using MassTransit;

namespace IssueSync.Worker.Messaging;

/// <summary>
/// Watches the input endpoint's retries of messages that met a database outage: how many are waiting right now and
/// how many retries there were. Metrics and tests read it; readiness follows the database check itself.
/// </summary>
public sealed class DatabaseOutageMonitor : IRetryObserver
{
    private long _retries;
    private int _waiting;

    /// <summary>Retries of messages because the database was away, since start.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Messages held in place right now, waiting for the database.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public Task PostCreate<T>(RetryPolicyContext<T> context)
        where T : class, PipeContext
    {
        Interlocked.Increment(ref _waiting);
        return Task.CompletedTask;
    }

    public Task PostFault<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task PreRetry<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        Interlocked.Increment(ref _retries);
        return Task.CompletedTask;
    }

    public Task RetryFault<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        Interlocked.Decrement(ref _waiting);
        return Task.CompletedTask;
    }

    public Task RetryComplete<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        Interlocked.Decrement(ref _waiting);
        return Task.CompletedTask;
    }
}
