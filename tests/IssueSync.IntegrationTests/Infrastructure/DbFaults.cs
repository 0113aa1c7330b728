using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace IssueSync.IntegrationTests.Infrastructure;

/// <summary>
/// Fails chosen database commands of a worker, as a connection blip would: a test arms a fault for the next
/// command whose SQL matches, and that command throws instead of running. Registered as an EF Core interceptor.
/// </summary>
public sealed class DbFaults : DbCommandInterceptor
{
    private readonly Lock _lock = new();
    private readonly List<(Func<string, bool> Match, int Remaining)> _faults = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Reached, Task Release)> _holds = [];

    public int Injected { get; private set; }

    /// <summary>Disarms every fault (the database is back).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _faults.Clear();
        }
    }

    /// <summary>The next <paramref name="count"/> commands whose SQL satisfies <paramref name="match"/> fail.</summary>
    public void FailNext(Func<string, bool> match, int count = 1)
    {
        lock (_lock)
        {
            _faults.Add((match, count));
        }
    }

    /// <summary>
    /// The next command whose SQL satisfies <paramref name="match"/> waits, before it runs, until <paramref name="release"/>
    /// completes; the returned task completes when it has started waiting.
    /// </summary>
    public Task HoldNext(Func<string, bool> match, Task release)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _holds.Add((match, reached, release));
        }

        return reached.Task;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await WaitIfHeldAsync(command);
        ThrowIfArmed(command);
        return await base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await WaitIfHeldAsync(command);
        ThrowIfArmed(command);
        return await base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    private async Task WaitIfHeldAsync(DbCommand command)
    {
        Task release;
        lock (_lock)
        {
            var index = _holds.FindIndex(h => h.Match(command.CommandText));
            if (index < 0)
            {
                return;
            }

            var hold = _holds[index];
            _holds.RemoveAt(index);
            hold.Reached.SetResult();
            release = hold.Release;
        }

        await release;
    }

    private void ThrowIfArmed(DbCommand command)
    {
        lock (_lock)
        {
            var index = _faults.FindIndex(f => f.Match(command.CommandText));
            if (index < 0)
            {
                return;
            }

            var (match, remaining) = _faults[index];
            if (remaining <= 1)
            {
                _faults.RemoveAt(index);
            }
            else
            {
                _faults[index] = (match, remaining - 1);
            }

            Injected++;
        }

        throw new NpgsqlException("Injected fault: the connection to the database was lost.", new IOException("Broken pipe (injected)."));
    }
}
