using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Connections;
using IssueSync.Worker.Admin.Messages;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Console;

/// <summary>The overview page's numbers: read from the ledger every replica writes, so they cover the whole fleet.</summary>
public sealed record OverviewModel(
    IReadOnlyDictionary<string, int> ByState,
    IReadOnlyList<MinuteCount> LastHour,
    int RateLimitedLastHour,
    int ConnectionsRefreshedLastHour,
    IReadOnlyList<ConnectionView> NeedingAttention,
    uint? ErrorQueueDepth,
    string? ErrorQueueProblem,
    DateTime Now);

/// <summary>Commands that ended in one minute.</summary>
public sealed record MinuteCount(DateTime Minute, int Created, int Failed);

public sealed class ConsoleOverview(IssueSyncDbContext db, ConnectionViewer connections, ErrorQueueClient errorQueue, LedgerClock clock,
    ILogger<ConsoleOverview> logger)
{
    public const int Minutes = 60;

    public async Task<OverviewModel> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var since = now.AddMinutes(-Minutes);
        var byState = (await db.Commands.AsNoTracking().GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(r => r.Key.ToString(), r => r.Count, StringComparer.Ordinal);
        var ended = await db.Commands.AsNoTracking()
            .Where(c => c.CompletedAt >= since && (c.State == CommandState.Created || c.State == CommandState.Failed))
            .Select(c => new { c.CompletedAt, c.State }).ToListAsync(cancellationToken);
        var first = Truncate(since).AddMinutes(1);
        var lastHour = Enumerable.Range(0, Minutes).Select(i => first.AddMinutes(i)).Select(minute => new MinuteCount(minute,
            ended.Count(c => c.State == CommandState.Created && Truncate(c.CompletedAt!.Value) == minute),
            ended.Count(c => c.State == CommandState.Failed && Truncate(c.CompletedAt!.Value) == minute))).ToList();
        var rateLimited = await db.CommandAttempts.AsNoTracking().CountAsync(a => a.StartedAt >= since && a.HttpStatus == 429, cancellationToken);
        var refreshed = await db.Connections.AsNoTracking().CountAsync(c => c.LastRefreshedAt >= since, cancellationToken);
        var attention = (await connections.ListAsync(cancellationToken))
            .Where(c => c.Status != nameof(ConnectionStatus.Active) || c.Commands.Parked > 0).ToList();

        uint? depth = null;
        string? problem = null;
        try
        {
            depth = await errorQueue.DepthAsync(cancellationToken);
            problem = errorQueue.IsAvailable ? null : "The error queue is a RabbitMQ feature; this worker runs on the in-memory transport.";
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException or IOException)
        {
            logger.LogWarning(ex, "The error queue's depth could not be read");
            problem = $"The broker did not answer: {ex.Message}";
        }

        return new OverviewModel(byState, lastHour, rateLimited, refreshed, attention, depth, problem, now);
    }

    private static DateTime Truncate(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
}
