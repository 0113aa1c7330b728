using System.Diagnostics;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Ledger;

/// <summary>
/// The time every ledger write and every due check uses. Leases and lookup schedules are written by one pod and read
/// by others, so they follow one clock: the database server's (sampled every few minutes and applied as an offset
/// to this process's clock), unless <c>IssueSync:LedgerClock</c> is <c>Local</c>.
/// </summary>
public sealed class LedgerClock(TimeProvider time)
{
    private long _offsetTicks;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime.AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>How far this process's clock is behind the database's (negative: ahead).</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    internal void SetOffset(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
}

/// <summary>Samples the database server's clock at start and every five minutes (Database mode).</summary>
public sealed class LedgerClockSampler(LedgerClock clock, IServiceScopeFactory scopes, TimeProvider time, IOptions<WorkerOptions> options,
    IOptions<DatabaseOptions> database, ILogger<LedgerClockSampler> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    // SQLite is one process by definition: its own clock is the only one.
    private bool Enabled => options.Value.LedgerClock == LedgerClockSource.Database && database.Value.Provider != DatabaseProvider.Sqlite;

    /// <summary>The first sample is taken before the consumers start, so no ledger write uses an unsynchronised clock.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Enabled)
        {
            await TrySampleAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await TrySampleAsync(stoppingToken);
        }
    }

    private async Task TrySampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SampleAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read the database clock; keeping the offset {Offset}", clock.Offset);
        }
    }

    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        var sql = database.Value.Provider == DatabaseProvider.SqlServer
            ? "SELECT SYSUTCDATETIME() AS [Value]"
            : "SELECT (now() AT TIME ZONE 'UTC') AS \"Value\"";
        var before = time.GetUtcNow().UtcDateTime;
        var watch = Stopwatch.StartNew();
        var serverNow = DateTime.SpecifyKind((await db.Database.SqlQueryRaw<DateTime>(sql).ToListAsync(cancellationToken))[0], DateTimeKind.Utc);
        var local = before + (watch.Elapsed / 2);
        var offset = serverNow - local;
        if ((offset - clock.Offset).Duration() > TimeSpan.FromSeconds(1))
        {
            logger.LogInformation("Ledger clock follows the database: this process is {Offset} behind it", offset);
        }

        clock.SetOffset(offset);
    }
}
