using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Pacing;

/// <summary>
/// Pauses that Jira asked for, shared by every replica through the database: a site's burst or tenant quota pauses
/// that site, the global points quota pauses the whole app. Every replica reads all pauses at most once a second
/// (one small query, not one per command) and learns of its own pauses at once.
/// </summary>
public sealed class PacingStore(IServiceScopeFactory scopes, LedgerClock clock, ILogger<PacingStore> logger)
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private Dictionary<string, DateTime> _pauses = new(StringComparer.Ordinal);
    private DateTime _readAt = DateTime.MinValue;

    /// <summary>The end of the pause that applies to a request for <paramref name="cloudId"/>, if one is in force.</summary>
    public async Task<(PaceScope Scope, DateTime Until)?> PauseForAsync(string cloudId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        if (now - _readAt > RefreshEvery)
        {
            await RefreshAsync(now, cancellationToken);
        }

        lock (_lock)
        {
            if (_pauses.TryGetValue(PaceEntry.AppScope, out var app) && app > now)
            {
                return (PaceScope.App, app);
            }

            return _pauses.TryGetValue(PaceEntry.SiteScope(cloudId), out var site) && site > now ? (PaceScope.Site, site) : null;
        }
    }

    /// <summary>Pauses a scope until <paramref name="until"/>, unless a longer pause is already in force. Never shortens one.</summary>
    public async Task PauseAsync(PaceScope scope, string? cloudId, DateTime until, string? reason, CancellationToken cancellationToken)
    {
        var key = scope == PaceScope.App ? PaceEntry.AppScope : PaceEntry.SiteScope(cloudId ?? throw new ArgumentNullException(nameof(cloudId)));
        lock (_lock)
        {
            if (!_pauses.TryGetValue(key, out var known) || known < until)
            {
                _pauses[key] = until;
            }
        }

        var now = clock.UtcNow;
        var cut = reason is { Length: > PaceEntry.MaxReasonLength } ? reason[..PaceEntry.MaxReasonLength] : reason;
        await using var scopeHandle = scopes.CreateAsyncScope();
        var db = scopeHandle.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        for (var tries = 0; tries < 2; tries++)
        {
            // A conditional update, never a read-modify-write: many commands meet the same 429 at once and the
            // longest pause must win.
            var updated = await db.Pacing.Where(p => p.Scope == key && (p.PausedUntil == null || p.PausedUntil < until))
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.PausedUntil, until).SetProperty(p => p.PauseReason, cut).SetProperty(p => p.UpdatedAt, now),
                    cancellationToken);
            if (updated > 0 || await db.Pacing.AnyAsync(p => p.Scope == key, cancellationToken))
            {
                break;
            }

            db.Pacing.Add(new PaceEntry { Scope = key, PausedUntil = until, PauseReason = cut, UpdatedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException)
            {
                // Another replica created the row a moment ago: update it instead.
                db.ChangeTracker.Clear();
            }
        }

        logger.LogInformation("Jira asked to slow down ({Reason}): {Scope} paused until {Until:O}", reason, key, until);
    }

    /// <summary>Every pause still in force, for the admin API and the console.</summary>
    public async Task<IReadOnlyDictionary<string, DateTime>> CurrentAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(clock.UtcNow, cancellationToken);
        lock (_lock)
        {
            var now = clock.UtcNow;
            return _pauses.Where(p => p.Value > now).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        }
    }

    private async Task RefreshAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        var rows = await db.Pacing.AsNoTracking().Where(p => p.PausedUntil != null && p.PausedUntil > now)
            .Select(p => new { p.Scope, p.PausedUntil }).ToListAsync(cancellationToken);
        lock (_lock)
        {
            var merged = rows.ToDictionary(r => r.Scope, r => r.PausedUntil!.Value, StringComparer.Ordinal);
            foreach (var (key, until) in _pauses)
            {
                if (until > now && (!merged.TryGetValue(key, out var stored) || stored < until))
                {
                    merged[key] = until;
                }
            }

            _pauses = merged;
            _readAt = now;
        }
    }
}
