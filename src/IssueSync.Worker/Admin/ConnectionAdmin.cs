using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using IssueSync.Jira.OAuth;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Pacing;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Admin;

/// <summary>
/// Connections and the OAuth 2.0 (3LO) connect flow: an operator starts (or renews) a connection and gets
/// Atlassian's authorize URL carrying a <c>state</c> that is random, single-use, short-lived and bound to that
/// connection; the callback checks the state, exchanges the code, stores the encrypted tokens and discovers the
/// sites. With several sites the connection waits for an explicit choice.
/// </summary>
public sealed partial class ConnectionAdmin(
    IssueSyncDbContext db,
    IAtlassianOAuthClient oauth,
    TokenProtector protector,
    TimeProvider time,
    PacingStore pacing,
    IOptions<AdminOptions> options,
    ILogger<ConnectionAdmin> logger)
{
    public async Task<AdminResult<CreatedConnectionView>> CreateAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200 || !NamePattern().IsMatch(name))
        {
            return AdminResult<CreatedConnectionView>.Invalid("name", "A connection name is 1 to 200 letters, digits, '.', '_' or '-'.");
        }

        if (await db.Connections.AnyAsync(c => c.Name == name, cancellationToken))
        {
            return AdminResult<CreatedConnectionView>.Conflict($"A connection named '{name}' exists already; use POST /admin/connections/{name}/authorize to reconnect it.");
        }

        var now = Now();
        var connection = new JiraConnection { Id = Guid.NewGuid(), Name = name, Status = ConnectionStatus.AwaitingAuthorization, CreatedAt = now, UpdatedAt = now };
        db.Connections.Add(connection);
        var link = NewLink(connection, now);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Connection {ConnectionId} created; waiting for the user's consent", name);
        return AdminResult<CreatedConnectionView>.Ok(new CreatedConnectionView(await ViewAsync(connection, cancellationToken), link.AuthorizeUrl, link.ExpiresAt));
    }

    public async Task<AdminResult<AuthorizeLink>> AuthorizeAsync(string name, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (connection is null)
        {
            return AdminResult<AuthorizeLink>.NotFound($"No connection named '{name}'.");
        }

        var link = NewLink(connection, Now());
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult<AuthorizeLink>.Ok(link);
    }

    /// <summary>The OAuth callback. Returns the connection on success, or why the request was refused.</summary>
    public async Task<AdminResult<ConnectionView>> CompleteAsync(string? code, string? state, string? error, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state))
        {
            return AdminResult<ConnectionView>.Invalid("state", "The callback carries no state.");
        }

        var hash = Hash(state);
        var pending = await db.OAuthStates.SingleOrDefaultAsync(s => s.StateHash == hash, cancellationToken);
        var now = Now();
        if (pending is null)
        {
            return AdminResult<ConnectionView>.Invalid("state", "Unknown state: the link was not issued by IssueSync or was altered.");
        }

        if (pending.UsedAt is not null)
        {
            return AdminResult<ConnectionView>.Invalid("state", "This authorization link was used already. Ask for a new one.");
        }

        if (pending.ExpiresAt <= now)
        {
            return AdminResult<ConnectionView>.Invalid("state", "This authorization link has expired. Ask for a new one.");
        }

        // Single use from here on, whatever happens next.
        pending.UsedAt = now;
        await db.SaveChangesAsync(cancellationToken);

        var connection = await db.Connections.SingleAsync(c => c.Id == pending.ConnectionId, cancellationToken);
        if (!string.IsNullOrEmpty(error))
        {
            return AdminResult<ConnectionView>.Invalid("consent", $"Atlassian reported '{error}': the user did not grant access.");
        }

        if (string.IsNullOrEmpty(code))
        {
            return AdminResult<ConnectionView>.Invalid("code", "The callback carries no authorization code.");
        }

        var exchanged = await oauth.ExchangeCodeAsync(code, cancellationToken);
        if (!exchanged.IsSuccess)
        {
            return AdminResult<ConnectionView>.Invalid("code", $"Atlassian refused the authorization code: {exchanged.Error.Message}");
        }

        var tokens = exchanged.Tokens;
        if (tokens.RefreshToken is null)
        {
            return AdminResult<ConnectionView>.Invalid("scope", "Atlassian returned no refresh token: the app must request the offline_access scope.");
        }

        var resources = await oauth.GetAccessibleResourcesAsync(tokens.AccessToken, cancellationToken);
        if (!resources.IsSuccess)
        {
            return AdminResult<ConnectionView>.Unavailable($"The Jira sites of the account could not be listed: {resources.Error?.Message}");
        }

        var sites = resources.Sites!.Select(s => new SiteView(s.Id, s.Name, s.Url)).ToList();
        connection.ProtectedAccessToken = protector.Protect(tokens.AccessToken);
        connection.ProtectedRefreshToken = protector.Protect(tokens.RefreshToken);
        connection.AccessTokenExpiresAt = tokens.ExpiresAt.UtcDateTime;
        connection.LastRefreshedAt = now;
        connection.Scopes = tokens.Scope;
        ConnectionSites.Write(connection, resources.Sites!);
        connection.UpdatedAt = now;

        var kept = connection.CloudId is not null ? sites.FirstOrDefault(s => s.Id == connection.CloudId) : null;
        var site = kept ?? (sites.Count == 1 ? sites[0] : null);
        if (site is null)
        {
            connection.Status = sites.Count == 0 ? ConnectionStatus.AwaitingAuthorization : ConnectionStatus.AwaitingSiteChoice;
            connection.StatusReason = sites.Count == 0
                ? "The account can reach no Jira site."
                : $"The account can reach {sites.Count} Jira sites; choose one with PUT /admin/connections/{connection.Name}/site.";
            connection.CloudId = null;
        }
        else
        {
            Choose(connection, site);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Connection {ConnectionId} authorized: {Status} with {SiteCount} site(s)", connection.Name, connection.Status, sites.Count);
        return AdminResult<ConnectionView>.Ok(await ViewAsync(connection, cancellationToken));
    }

    public async Task<AdminResult<ConnectionView>> ChooseSiteAsync(string name, string? requested, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (connection is null)
        {
            return AdminResult<ConnectionView>.NotFound($"No connection named '{name}'.");
        }

        if (string.IsNullOrWhiteSpace(requested))
        {
            return AdminResult<ConnectionView>.Invalid("site", "Give the site as a cloud id or a site URL.");
        }

        var selection = AtlassianSiteSelector.Select(ConnectionSites.Read(connection), requested);
        if (!selection.IsSuccess)
        {
            return AdminResult<ConnectionView>.Invalid("site", selection.Error!);
        }

        Choose(connection, new SiteView(selection.Site.Id, selection.Site.Name, selection.Site.Url));
        connection.UpdatedAt = Now();
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult<ConnectionView>.Ok(await ViewAsync(connection, cancellationToken));
    }

    public async Task<AdminResult<ConnectionView>> DisconnectAsync(string name, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (connection is null)
        {
            return AdminResult<ConnectionView>.NotFound($"No connection named '{name}'.");
        }

        connection.Status = ConnectionStatus.Disconnected;
        connection.StatusReason = "Disconnected by an operator.";
        connection.ProtectedAccessToken = null;
        connection.ProtectedRefreshToken = null;
        connection.AccessTokenExpiresAt = null;
        connection.UpdatedAt = Now();
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Connection {ConnectionId} disconnected; its tokens were erased", name);
        return AdminResult<ConnectionView>.Ok(await ViewAsync(connection, cancellationToken));
    }

    public async Task<IReadOnlyList<ConnectionView>> ListAsync(CancellationToken cancellationToken)
    {
        var connections = await db.Connections.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var counts = await CountsAsync(null, cancellationToken);
        var pauses = await pacing.CurrentAsync(cancellationToken);
        return connections.Select(c => View(c, counts.GetValueOrDefault(c.Name) ?? NoCommands, pauses)).ToList();
    }

    public async Task<ConnectionView?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Name == name, cancellationToken);
        return connection is null ? null : await ViewAsync(connection, cancellationToken);
    }

    public static string Hash(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    private AuthorizeLink NewLink(JiraConnection connection, DateTime now)
    {
        var state = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expires = now + options.Value.OAuthStateLifetime;
        db.OAuthStates.Add(new OAuthState { StateHash = Hash(state), ConnectionId = connection.Id, CreatedAt = now, ExpiresAt = expires });
        return new AuthorizeLink(oauth.BuildAuthorizationUrl(state), expires);
    }

    private static void Choose(JiraConnection connection, SiteView site)
    {
        connection.CloudId = site.Id;
        connection.SiteName = site.Name;
        connection.SiteUrl = site.Url;
        if (connection.ProtectedRefreshToken is not null)
        {
            // Active again: the dispatcher resumes this connection's parked commands by itself.
            connection.Status = ConnectionStatus.Active;
            connection.StatusReason = null;
        }
    }

    private async Task<ConnectionView> ViewAsync(JiraConnection connection, CancellationToken cancellationToken)
    {
        var counts = await CountsAsync(connection.Name, cancellationToken);
        return View(connection, counts.GetValueOrDefault(connection.Name) ?? NoCommands, await pacing.CurrentAsync(cancellationToken));
    }

    private static readonly CommandCounts NoCommands = new(0, 0, 0, 0, 0, 0, 0);

    // Jira paces sites and the whole app, not connections: a connection waits while its site or the app is paused.
    private static ConnectionView View(JiraConnection c, CommandCounts counts, IReadOnlyDictionary<string, DateTime> pauses) => new(
        c.Id, c.Name, c.Status.ToString(), c.StatusReason, c.CloudId, c.SiteUrl, c.SiteName,
        ConnectionSites.Read(c).Select(s => new SiteView(s.Id, s.Name, s.Url)).ToList(),
        c.AccessTokenExpiresAt, c.LastRefreshedAt, PausedUntil(c, pauses), c.CreatedAt, c.UpdatedAt, counts);

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

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
