using IssueSync.Worker.Ledger;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Pacing;

/// <summary>
/// Pacing that Jira should never have to enforce, shared by every replica through the database (no new
/// infrastructure):
/// <list type="bullet">
/// <item>pauses after a 429: a site's burst or tenant quota pauses that site, the global points quota the whole app;</item>
/// <item>a create rate per site for the whole app, learnt from Jira's answers (faster while it keeps up and Jira does
/// not object, slower after a 429, never above the limit Jira stated) and shared out equally among the live replicas,
/// each of which spaces its own create requests evenly (<see cref="SiteMeter"/>; no database round trip per request).</item>
/// </list>
/// Every replica reads the shared state at most once a second and learns of its own changes at once.
/// </summary>
public sealed class PacingStore(IServiceScopeFactory scopes, LedgerClock clock, IOptions<WorkerOptions> options, ILogger<PacingStore> logger)
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReplicaGone = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan SlowDownSettles = TimeSpan.FromSeconds(2);

    // Spacing requests is local work on the wall clock: it never waits on a test's fake clock.
    private static readonly TimeProvider Wall = TimeProvider.System;

    private readonly Lock _lock = new();
    private readonly PacingOptions _options = options.Value.Pacing;
    private readonly string _replica = options.Value.ReplicaName;
    private Dictionary<string, ScopeState> _shared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SiteMeter> _meters = new(StringComparer.Ordinal);
    private int _liveReplicas = 1;
    private DateTime _readAt = DateTime.MinValue;
    private DateTime _heartbeatAt = DateTime.MinValue;
    private Task? _reading;

    /// <summary>The end of the pause that applies to a request for <paramref name="cloudId"/>, if one is in force.</summary>
    public async Task<(PaceScope Scope, DateTime Until)?> PauseForAsync(string cloudId, CancellationToken cancellationToken)
    {
        await RefreshIfDueAsync(cancellationToken);
        var now = clock.UtcNow;
        lock (_lock)
        {
            if (_shared.TryGetValue(PaceEntry.AppScope, out var app) && app.PausedUntil > now)
            {
                return (PaceScope.App, app.PausedUntil.Value);
            }

            return _shared.TryGetValue(PaceEntry.SiteScope(cloudId), out var site) && site.PausedUntil > now ? (PaceScope.Site, site.PausedUntil!.Value) : null;
        }
    }

    /// <summary>
    /// The next slot for a create request to <paramref name="cloudId"/> from this replica: how long to wait for it.
    /// When the wait would be longer than <see cref="PacingOptions.MaxInProcessWait"/> no slot is taken and the
    /// caller waits durably instead.
    /// </summary>
    public async Task<PaceSlot> TakeSlotAsync(string cloudId, CancellationToken cancellationToken)
    {
        await RefreshIfDueAsync(cancellationToken);
        var key = PaceEntry.SiteScope(cloudId);
        var now = Wall.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            var siteRate = _shared.TryGetValue(key, out var state) && state.RatePerSecond is { } rate ? rate : _options.InitialSiteRate;
            var interval = TimeSpan.FromSeconds(Math.Max(1, _liveReplicas) / siteRate);
            if (!_meters.TryGetValue(key, out var meter))
            {
                meter = new SiteMeter(now);
                _meters[key] = meter;
            }

            return meter.Take(now, interval, _options.MaxInProcessWait);
        }
    }

    /// <summary>
    /// Pauses a scope until the pause's end, unless a longer pause is already in force (never shortens one); a site's
    /// 429 also slows its create rate down.
    /// </summary>
    public async Task PauseAsync(PacePause pause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pause);
        var key = pause.Scope == PaceScope.App ? PaceEntry.AppScope : PaceEntry.SiteScope(pause.CloudId ?? throw new ArgumentException("A site pause needs the site.", nameof(pause)));
        var until = pause.Until;
        lock (_lock)
        {
            var state = Known(key);
            if (state.PausedUntil is null || state.PausedUntil < until)
            {
                _shared[key] = state with { PausedUntil = until };
            }
        }

        var now = clock.UtcNow;
        var reason = ColumnText.Cut(pause.Reason, PaceEntry.MaxReasonLength);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        await EnsureRowAsync(db, key, now, cancellationToken);
        // A conditional update, never a read-modify-write: many commands meet the same 429 at once and the longest pause must win.
        await db.Pacing.Where(p => p.Scope == key && (p.PausedUntil == null || p.PausedUntil < until))
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.PausedUntil, until).SetProperty(p => p.PauseReason, reason).SetProperty(p => p.UpdatedAt, now),
                cancellationToken);
        if (pause.Scope == PaceScope.Site)
        {
            await SlowDownAsync(db, key, pause.LimitPerSecond, now, cancellationToken);
        }

        logger.LogInformation("Jira asked to slow down ({Reason}): {Scope} paused until {Until:O}", pause.Reason, key, until);
    }

    /// <summary>Every pause still in force, for the admin API and the console.</summary>
    public async Task<IReadOnlyDictionary<string, DateTime>> CurrentAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        var now = clock.UtcNow;
        lock (_lock)
        {
            return _shared.Where(p => p.Value.PausedUntil > now).ToDictionary(p => p.Key, p => p.Value.PausedUntil!.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>The create rate the whole app sends to a site, and how many replicas share it.</summary>
    public (double RatePerSecond, int Replicas) RateFor(string cloudId)
    {
        lock (_lock)
        {
            var rate = _shared.TryGetValue(PaceEntry.SiteScope(cloudId), out var state) && state.RatePerSecond is { } r ? r : _options.InitialSiteRate;
            return (rate, _liveReplicas);
        }
    }

    // One read at a time: the commands that find the state due while another one is reading it go on with what is
    // known (at most a second old) instead of each sending the same queries; before the first read they wait for it.
    private async Task RefreshIfDueAsync(CancellationToken cancellationToken)
    {
        if (clock.UtcNow - _readAt <= RefreshEvery)
        {
            return;
        }

        Task read;
        lock (_lock)
        {
            if (_reading is { IsCompleted: false } inFlight)
            {
                if (_readAt != DateTime.MinValue)
                {
                    return;
                }

                read = inFlight;
            }
            else
            {
                read = _reading = RefreshAsync(cancellationToken);
            }
        }

        await read;
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        if (now - _heartbeatAt > HeartbeatEvery)
        {
            await HeartbeatAsync(db, now, cancellationToken);
        }

        var rows = await db.Pacing.AsNoTracking().ToListAsync(cancellationToken);
        var live = await db.Replicas.CountAsync(r => r.LastSeenAt > now - ReplicaGone, cancellationToken);
        List<string> saturated;
        lock (_lock)
        {
            _shared = rows.ToDictionary(r => r.Scope, r => new ScopeState(r.PausedUntil, r.RatePerSecond, r.LimitPerSecond, r.RateChangedAt), StringComparer.Ordinal);
            _liveReplicas = Math.Max(1, live);
            _readAt = now;
            saturated = _meters.Where(m => m.Value.Saturated).Select(m => m.Key).ToList();
            foreach (var key in saturated)
            {
                _meters[key].Saturated = false;
            }
        }

        foreach (var key in saturated)
        {
            await SpeedUpAsync(db, key, now, cancellationToken);
        }
    }

    // Demand exceeded the rate and Jira did not object for a while: ask for more (SiteRateRules.SpeedUp). One replica
    // wins the change per period.
    private async Task SpeedUpAsync(IssueSyncDbContext db, string key, DateTime now, CancellationToken cancellationToken)
    {
        var state = Known(key);
        if (state.RateChangedAt is { } changed && now - changed < _options.IncreaseInterval)
        {
            return;
        }

        var current = state.RatePerSecond ?? _options.InitialSiteRate;
        var next = SiteRateRules.SpeedUp(current, state.LimitPerSecond, _options.MaxSiteRate);
        if (next <= current)
        {
            return;
        }

        await EnsureRowAsync(db, key, now, cancellationToken);
        var seen = state.RatePerSecond;
        var cutoff = now - _options.IncreaseInterval;
        var changedRows = await db.Pacing
            .Where(p => p.Scope == key && p.RatePerSecond == seen && (p.RateChangedAt == null || p.RateChangedAt < cutoff))
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.RatePerSecond, next).SetProperty(p => p.RateChangedAt, now).SetProperty(p => p.UpdatedAt, now),
                cancellationToken);
        if (changedRows > 0)
        {
            Remember(key, state with { RatePerSecond = next, RateChangedAt = now });
            logger.LogInformation("Pacing {Scope}: {Rate:0.#} create requests/s (was {Previous:0.#})", key, next, current);
        }
    }

    // A 429 from the site: remember the limit Jira stated (or the rate that met it) and slow down below it
    // (SiteRateRules.SlowDown). The requests already in flight meet the same limit: one wave of 429s is one
    // slow-down, not one per answer.
    private async Task SlowDownAsync(IssueSyncDbContext db, string key, double? statedLimit, DateTime now, CancellationToken cancellationToken)
    {
        var state = Known(key);
        if (state.RateChangedAt is { } changed && now - changed < SlowDownSettles)
        {
            return;
        }

        var current = state.RatePerSecond ?? _options.InitialSiteRate;
        var (limit, next) = SiteRateRules.SlowDown(current, statedLimit, state.LimitPerSecond, _options.MinSiteRate);
        await db.Pacing.Where(p => p.Scope == key)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.RatePerSecond, next).SetProperty(p => p.LimitPerSecond, limit)
                .SetProperty(p => p.RateChangedAt, now).SetProperty(p => p.UpdatedAt, now), cancellationToken);
        Remember(key, state with { RatePerSecond = next, LimitPerSecond = limit, RateChangedAt = now });
        logger.LogInformation("Pacing {Scope}: {Rate:0.#} create requests/s after a 429 (limit {Limit:0.#}/s)", key, next, limit);
    }

    private async Task HeartbeatAsync(IssueSyncDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var name = _replica.Length <= ReplicaHeartbeat.MaxNameLength ? _replica : _replica[..ReplicaHeartbeat.MaxNameLength];
        if (await db.Replicas.Where(r => r.Name == name).ExecuteUpdateAsync(u => u.SetProperty(r => r.LastSeenAt, now), cancellationToken) == 0)
        {
            db.Replicas.Add(new ReplicaHeartbeat { Name = name, LastSeenAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }

        _heartbeatAt = now;
    }

    private static async Task EnsureRowAsync(IssueSyncDbContext db, string key, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Pacing.AnyAsync(p => p.Scope == key, cancellationToken))
        {
            return;
        }

        db.Pacing.Add(new PaceEntry { Scope = key, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another replica created it a moment ago.
        }

        db.ChangeTracker.Clear();
    }

    private ScopeState Known(string key)
    {
        lock (_lock)
        {
            return _shared.TryGetValue(key, out var state) ? state : new ScopeState(null, null, null, null);
        }
    }

    private void Remember(string key, ScopeState state)
    {
        lock (_lock)
        {
            _shared[key] = state;
        }
    }

    private sealed record ScopeState(DateTime? PausedUntil, double? RatePerSecond, double? LimitPerSecond, DateTime? RateChangedAt);
}
