using IssueSync.Admin.Contracts;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Pacing;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Connections;

/// <summary>Connections as the admin API shows them: status, site, token times, the pause Jira asked for, command counts.</summary>
public sealed class ConnectionViewer(IssueSyncDbContext db, PacingStore pacing)
{
    private static readonly CommandCounts NoCommands = new(0, 0, 0, 0, 0, 0, 0);

    public async Task<ConnectionView> ViewAsync(JiraConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var counts = await CountsAsync(connection.Name, cancellationToken);
        return View(connection, counts.GetValueOrDefault(connection.Name) ?? NoCommands, await pacing.CurrentAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<ConnectionView>> ListAsync(CancellationToken cancellationToken)
    {
        var connections = await db.Connections.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var counts = await CountsAsync(null, cancellationToken);
        var pauses = await pacing.CurrentAsync(cancellationToken);
        return connections.Select(c => View(c, counts.GetValueOrDefault(c.Name) ?? NoCommands, pauses)).ToList();
    }

    private static ConnectionView View(JiraConnection c, CommandCounts counts, IReadOnlyDictionary<string, DateTime> pauses) => new()
    {
        Id = c.Id,
        Name = c.Name,
        Status = c.Status.ToString(),
        StatusReason = c.StatusReason,
        CloudId = c.CloudId,
        SiteUrl = c.SiteUrl,
        SiteName = c.SiteName,
        AvailableSites = ConnectionSites.Read(c).Select(ConnectionGrant.Site).ToList(),
        AtlassianAccountId = c.AtlassianAccountId,
        AtlassianAccount = c.AtlassianAccountName,
        PendingAccountId = c.PendingAtlassianAccountId,
        PendingAccount = c.PendingAtlassianAccountName,
        AccessTokenExpiresAt = c.AccessTokenExpiresAt,
        LastRefreshedAt = c.LastRefreshedAt,
        ThrottledUntil = PausedUntil(c, pauses),
        CreatedAt = c.CreatedAt,
        UpdatedAt = c.UpdatedAt,
        Commands = counts,
    };

    // Jira paces sites and the whole app, not connections: a connection waits while its site or the app is paused.
    private static DateTime? PausedUntil(JiraConnection c, IReadOnlyDictionary<string, DateTime> pauses)
    {
        DateTime? site = c.CloudId is not null && pauses.TryGetValue(PaceEntry.SiteScope(c.CloudId), out var s) ? s : null;
        DateTime? app = pauses.TryGetValue(PaceEntry.AppScope, out var a) ? a : null;
        return site > app || app is null ? site : app;
    }

    private async Task<Dictionary<string, CommandCounts>> CountsAsync(string? name, CancellationToken cancellationToken)
    {
        var query = db.Commands.AsNoTracking().Where(c => c.ConnectionName != null);
        if (name is not null)
        {
            query = query.Where(c => c.ConnectionName == name);
        }

        var rows = await query.GroupBy(c => new { c.ConnectionName, c.State })
            .Select(g => new { g.Key.ConnectionName, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ConnectionName!).ToDictionary(g => g.Key, g =>
        {
            int Of(CommandState state) => g.Where(r => r.State == state).Sum(r => r.Count);
            return new CommandCounts(Of(CommandState.Pending), Of(CommandState.InProgress), Of(CommandState.Parked),
                Of(CommandState.Failed), Of(CommandState.Created), Of(CommandState.Discarded), Of(CommandState.Uncertain));
        });
    }
}
