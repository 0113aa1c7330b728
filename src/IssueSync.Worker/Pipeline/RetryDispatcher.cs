using IssueSync.Worker.Connections;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Medallion.Threading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Pipeline;

/// <summary>
/// Durable delayed work without a broker plug-in. Every replica runs one: it resumes parked commands whose
/// connection is active again, completes token rotations whose answer was lost, sends answers a crash swallowed,
/// and works on commands that are due (a retry, the next lookup of an uncertain create, or a lapsed lease). The
/// command's own claim rule decides what is due; its fenced writes make sure one replica works on it at a time.
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

    /// <summary>One pass: housekeeping, then what is due, at most <see cref="WorkerOptions.ConcurrencyLimit"/> at a time. Returns the commands worked on.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<IssueSyncDbContext>();
            var now = services.GetRequiredService<LedgerClock>().UtcNow;
            await ResumeParkedAsync(services, db, now, cancellationToken);
            await services.GetRequiredService<AccessTokenService>().CompleteUnconfirmedRotationsAsync(cancellationToken);
            await SendOwedAnswersAsync(services, db, now, cancellationToken);

            due = await db.Commands.AsNoTracking()
                .Where(IssueCommand.IsDue(now))
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
                if (await scope.ServiceProvider.GetRequiredService<CommandProcessor>().ProcessAsync(id, ct))
                {
                    Interlocked.Increment(ref worked);
                }
            });
        return worked;
    }

    private async Task ResumeParkedAsync(IServiceProvider services, IssueSyncDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var active = db.Connections.Where(c => c.Status == ConnectionStatus.Active).Select(c => c.Name);
        var parked = await db.Commands.Where(c => c.State == CommandState.Parked && active.Contains(c.ConnectionName!))
            .Take(500).ToListAsync(cancellationToken);
        if (parked.Count == 0)
        {
            return;
        }

        var ledger = services.GetRequiredService<CommandLedger>();
        var resumed = 0;
        foreach (var command in parked)
        {
            if (command.Resume(now) && await ledger.SaveAsync(command, null, cancellationToken))
            {
                resumed++;
            }
        }

        logger.LogInformation("Resumed {Count} parked command(s) whose connection is active again", resumed);
    }

    private static async Task SendOwedAnswersAsync(IServiceProvider services, IssueSyncDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        // One replica at a time sends owed answers: two dispatchers finding the same owed answer would both send it.
        await using var turn = await services.GetRequiredService<IDistributedLockProvider>().CreateLock("issuesync-owed-answers")
            .TryAcquireAsync(TimeSpan.Zero, cancellationToken);
        if (turn is null)
        {
            return;
        }

        // Give the replica that recorded the outcome time to publish it itself.
        var before = now - TimeSpan.FromSeconds(30);
        var owed = await db.Commands
            .Where(c => (c.State == CommandState.Created || c.State == CommandState.Failed || c.State == CommandState.Discarded)
                && c.ResultPublishedAt == null && c.CompletedAt < before)
            .OrderBy(c => c.CompletedAt)
            .Take(100)
            .ToListAsync(cancellationToken);
        var recorder = services.GetRequiredService<OutcomeRecorder>();
        foreach (var command in owed)
        {
            await recorder.AnswerAsync(command, cancellationToken);
        }
    }
}
