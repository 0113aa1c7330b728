using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Pipeline;

/// <summary>
/// Durable delayed retries without a broker plug-in. Every replica runs one: it resumes parked commands whose
/// connection is active again, works on commands whose next attempt is due (or whose lease lapsed because a
/// replica died), and re-publishes result events a crash swallowed. The ledger's lease makes sure only one
/// replica works on a command, however many look at it.
/// </summary>
public sealed class RetryDispatcher(IServiceScopeFactory scopes, TimeProvider time, IOptions<WorkerOptions> options, ILogger<RetryDispatcher> logger)
    : BackgroundService
{
    private readonly WorkerOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.DispatchInterval, time);
        do
        {
            try
            {
                await DispatchOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Retry dispatch failed; trying again in {Interval}", _options.DispatchInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: resume, then work on what is due, at most <see cref="WorkerOptions.ConcurrencyLimit"/> at a time.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            await ResumeParkedAsync(db, now, cancellationToken);
            await RepublishOwedResultsAsync(scope.ServiceProvider, db, now, cancellationToken);

            due = await db.Commands.AsNoTracking()
                .Where(c => (c.State == CommandState.Pending && c.NextAttemptAt != null && c.NextAttemptAt <= now)
                    || (c.State == CommandState.InProgress && c.LeaseExpiresAt != null && c.LeaseExpiresAt <= now))
                .OrderBy(c => c.NextAttemptAt)
                .Select(c => c.Id)
                .Take(_options.ConcurrencyLimit * 4)
                .ToListAsync(cancellationToken);
        }

        if (due.Count == 0)
        {
            return 0;
        }

        var worked = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = _options.ConcurrencyLimit, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var processor = scope.ServiceProvider.GetRequiredService<CommandProcessor>();
                if (await processor.ProcessAsync(id, viaMessage: false, ct))
                {
                    Interlocked.Increment(ref worked);
                }
            });
        return worked;
    }

    private async Task ResumeParkedAsync(IssueSyncDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var active = db.Connections.Where(c => c.Status == ConnectionStatus.Active).Select(c => c.Name);
        var resumed = await db.Commands
            .Where(c => c.State == CommandState.Parked && active.Contains(c.ConnectionName!))
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.State, CommandState.Pending)
                .SetProperty(c => c.NextAttemptAt, now)
                .SetProperty(c => c.UpdatedAt, now)
                .SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        if (resumed > 0)
        {
            logger.LogInformation("Resumed {Count} parked command(s) whose connection is active again", resumed);
        }
    }

    private static async Task RepublishOwedResultsAsync(IServiceProvider services, IssueSyncDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        // Give the replica that recorded the outcome time to publish it itself.
        var before = now - TimeSpan.FromSeconds(30);
        var owed = await db.Commands
            .Where(c => (c.State == CommandState.Created || c.State == CommandState.Failed) && c.ResultPublishedAt == null && c.CompletedAt < before)
            .OrderBy(c => c.CompletedAt)
            .Take(100)
            .ToListAsync(cancellationToken);
        var publisher = services.GetRequiredService<ResultPublisher>();
        foreach (var command in owed)
        {
            await publisher.PublishResultAsync(command, alreadyExisted: false, cancellationToken);
        }
    }
}
