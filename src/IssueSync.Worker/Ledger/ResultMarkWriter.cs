using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Ledger;

/// <summary>
/// Notes that terminal commands' answers went out. Each mark is its own conditional update — it never changes the
/// state and is a no-op if the row changed since the answer was built (an operator retried it, say) — but the marks of
/// answers sent at about the same time share one statement (<see cref="GroupCommit{T}"/>): one database round trip
/// for many commands instead of one each. At shutdown it stops after the bus and writes what is still queued.
/// </summary>
public sealed class ResultMarkWriter : IHostedService
{
    /// <summary>Ids per statement: one parameter (a JSON or array parameter) on every engine, kept well short of any limit.</summary>
    private const int MaxBatch = 500;

    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(5);

    private readonly IServiceScopeFactory _scopes;
    private readonly LedgerClock _clock;
    private readonly GroupCommit<ResultMark> _commit;

    public ResultMarkWriter(IServiceScopeFactory scopes, LedgerClock clock)
    {
        _scopes = scopes;
        _clock = clock;
        _commit = new GroupCommit<ResultMark>(WriteAsync, MaxBatch);
    }

    /// <summary>Marks the answer of <paramref name="command"/> (as it stands now) as sent; completes once it is written.</summary>
    public Task MarkAsync(IssueCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return _commit.AddAsync(new ResultMark(command.Id, command.Version)).WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes what is queued, for a few seconds at most: a mark not written leaves its answer owed (sent once more).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _commit.IdleAsync().WaitAsync(StopPatience, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The dispatcher of another replica (or of this one after its restart) sends the owed answers again.
        }
    }

    private async Task WriteAsync(IReadOnlyList<ResultMark> marks)
    {
        var now = _clock.UtcNow;
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        // The fence is per row (its version); commands answered together have mostly come the same way, so one
        // statement per version seen is one statement in all, almost always.
        foreach (var sameVersion in marks.GroupBy(m => m.Version))
        {
            var version = sameVersion.Key;
            var ids = sameVersion.Select(m => m.CommandId).ToList();
            await db.Commands
                .Where(c => ids.Contains(c.Id) && c.Version == version && c.ResultPublishedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.ResultPublishedAt, now), CancellationToken.None);
        }
    }

    private readonly record struct ResultMark(Guid CommandId, int Version);
}
