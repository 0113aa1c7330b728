using System.Linq.Expressions;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Retention;

/// <summary>What one sweep deleted.</summary>
public sealed record RetentionSweep(int OAuthStates, int RejectedMessages, int Commands);

/// <summary>
/// Deletes what the retention settings say is due, in batches of <see cref="RetentionOptions.BatchSize"/>: expired OAuth
/// states, old rejected messages, and commands that ended long ago and were answered (their attempts go with them, by
/// the foreign key's cascade). A command that has not ended, or whose answer is still owed, is never deleted. Every
/// replica sweeps; the deletes are idempotent.
/// </summary>
public sealed class RetentionSweeper(IServiceScopeFactory scopes, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionSweeper> logger)
    : BackgroundService
{
    private static readonly CommandState[] Ended = [CommandState.Created, CommandState.Failed, CommandState.Discarded];

    public async Task<RetentionSweep> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();

        var statesBefore = now - settings.OAuthStates;
        var states = await DeleteInBatchesAsync(db.OAuthStates, s => s.ExpiresAt < statesBefore, s => s.StateHash, settings.BatchSize, cancellationToken);
        var rejectedBefore = now - settings.RejectedMessages;
        var rejected = await DeleteInBatchesAsync(db.RejectedMessages, m => m.ReceivedAt < rejectedBefore, m => m.Id, settings.BatchSize, cancellationToken);
        var commandsBefore = now - settings.CompletedCommands;
        var commands = await DeleteInBatchesAsync(db.Commands,
            c => Ended.Contains(c.State) && c.ResultPublishedAt != null && c.CompletedAt < commandsBefore, c => c.Id, settings.BatchSize, cancellationToken);

        var sweep = new RetentionSweep(states, rejected, commands);
        if (states + rejected + commands > 0)
        {
            logger.LogInformation("Retention deleted {OAuthStates} OAuth state(s), {RejectedMessages} rejected message(s) and {Commands} command(s) with their attempts",
                states, rejected, commands);
        }

        return sweep;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && TransientDatabaseFault.Is(ex))
            {
                logger.LogWarning(ex, "Retention sweep skipped: the database is unavailable; the next one runs in {Interval}", options.Value.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // Selects a batch of keys, then deletes exactly those rows that still match: a row that changed in between (a
    // command retried by an operator) stays.
    private static async Task<int> DeleteInBatchesAsync<TEntity, TKey>(DbSet<TEntity> set, Expression<Func<TEntity, bool>> due,
        Expression<Func<TEntity, TKey>> key, int batchSize, CancellationToken cancellationToken)
        where TEntity : class
    {
        var total = 0;
        while (true)
        {
            var keys = await set.Where(due).Select(key).Take(batchSize).ToListAsync(cancellationToken);
            if (keys.Count == 0)
            {
                return total;
            }

            var inBatch = Expression.Lambda<Func<TEntity, bool>>(
                Expression.AndAlso(
                    Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)], Expression.Constant(keys), key.Body),
                    Expression.Invoke(due, key.Parameters[0])),
                key.Parameters[0]);
            total += await set.Where(inBatch).ExecuteDeleteAsync(cancellationToken);
            if (keys.Count < batchSize)
            {
                return total;
            }
        }
    }
}
