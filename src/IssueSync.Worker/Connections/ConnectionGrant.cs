using IssueSync.Admin.Contracts;
using IssueSync.Jira.OAuth;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;

namespace IssueSync.Worker.Connections;

/// <summary>
/// Whose grant a connection holds and which site it uses: the one place for these rules (README, "Grants bound to the
/// account"). The first consent binds the connection to the consenting account. A later consent by the same account
/// renews the grant; one by another account is held, with its tokens unused and every command parked, until an operator
/// confirms or refuses that account. A site is never chosen by itself when the connection's cloud id would change.
/// </summary>
public static class ConnectionGrant
{
    /// <summary>Stores a completed consent. True when the grant is usable now (bound account); false when it is held.</summary>
    public static bool Consent(JiraConnection connection, OAuthTokens tokens, AtlassianAccount account, IReadOnlyList<AccessibleResource> sites,
        TokenProtector protector, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(protector);
        connection.ProtectedAccessToken = protector.Protect(tokens.AccessToken);
        connection.ProtectedRefreshToken = protector.Protect(tokens.RefreshToken ?? throw new ArgumentException("A consent without a refresh token.", nameof(tokens)));
        connection.AccessTokenExpiresAt = tokens.ExpiresAt.UtcDateTime;
        connection.LastRefreshedAt = now;
        connection.RotationStartedAt = null;
        connection.Scopes = tokens.Scope;
        ConnectionSites.Write(connection, sites);
        connection.UpdatedAt = now;

        if (connection.AtlassianAccountId is null || connection.AtlassianAccountId == account.AccountId)
        {
            connection.AtlassianAccountId = account.AccountId;
            connection.AtlassianAccountName = Name(account.Describe());
            connection.PendingAtlassianAccountId = null;
            connection.PendingAtlassianAccountName = null;
            UseSite(connection, sites.Select(Site).ToList());
            return true;
        }

        connection.PendingAtlassianAccountId = account.AccountId;
        connection.PendingAtlassianAccountName = Name(account.Describe());
        connection.Status = ConnectionStatus.AwaitingAccountConfirmation;
        connection.StatusReason = ColumnText.Cut(
            $"Reconnected by another Atlassian account: {connection.PendingAtlassianAccountName} ({account.AccountId}), not " +
            $"{connection.AtlassianAccountName ?? "the account"} ({connection.AtlassianAccountId}) that consented before. Its tokens are stored " +
            $"but unused and the connection's commands stay parked until an operator confirms that account " +
            $"(POST /admin/connections/{connection.Name}/account/confirm) or refuses it (POST /admin/connections/{connection.Name}/account/refuse).",
            JiraConnection.MaxStatusReasonLength);
        return false;
    }

    /// <summary>An operator confirmed the held account: the grant is bound to it from now on.</summary>
    public static void Confirm(JiraConnection connection, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.AtlassianAccountId = connection.PendingAtlassianAccountId ?? throw new InvalidOperationException("No account is held.");
        connection.AtlassianAccountName = connection.PendingAtlassianAccountName;
        connection.PendingAtlassianAccountId = null;
        connection.PendingAtlassianAccountName = null;
        connection.UpdatedAt = now;
        UseSite(connection, ConnectionSites.Read(connection).Select(Site).ToList());
    }

    /// <summary>An operator refused the held account: its tokens are erased and the connection waits for a new consent.</summary>
    public static void Refuse(JiraConnection connection, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var refused = $"{connection.PendingAtlassianAccountName} ({connection.PendingAtlassianAccountId})";
        connection.PendingAtlassianAccountId = null;
        connection.PendingAtlassianAccountName = null;
        EraseTokens(connection);
        connection.Status = ConnectionStatus.ReauthorizationRequired;
        connection.StatusReason = ColumnText.Cut(
            $"An operator refused the reconnect by {refused}; its tokens were erased. Send a new authorize link to " +
            $"{connection.AtlassianAccountName ?? "the account"} ({connection.AtlassianAccountId}).", JiraConnection.MaxStatusReasonLength);
        connection.UpdatedAt = now;
    }

    /// <summary>Forgets the connection's tokens (a disconnect, a refused account): nothing can act as that account any more.</summary>
    public static void EraseTokens(JiraConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.ProtectedAccessToken = null;
        connection.ProtectedRefreshToken = null;
        connection.AccessTokenExpiresAt = null;
    }

    /// <summary>Makes <paramref name="site"/> the connection's site; with tokens of the bound account it is active (parked commands resume by themselves).</summary>
    public static void ChooseSite(JiraConnection connection, SiteView site)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(site);
        connection.CloudId = site.Id;
        connection.SiteName = site.Name;
        connection.SiteUrl = site.Url;
        if (connection.ProtectedRefreshToken is not null && connection.PendingAtlassianAccountId is null)
        {
            connection.Status = ConnectionStatus.Active;
            connection.StatusReason = null;
        }
    }

    public static SiteView Site(AccessibleResource site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new SiteView(site.Id, site.Name, site.Url);
    }

    // The connection keeps its site if the account still reaches it. A new connection takes a single site; several
    // wait for a choice. A connection that had a site the account no longer reaches is never moved by itself, even to
    // a single site: its producers' issues would go to another Jira, so an operator chooses.
    private static void UseSite(JiraConnection connection, List<SiteView> sites)
    {
        var previous = connection.CloudId;
        var kept = previous is not null ? sites.FirstOrDefault(s => s.Id == previous) : null;
        if ((kept ?? (previous is null && sites.Count == 1 ? sites[0] : null)) is { } site)
        {
            ChooseSite(connection, site);
            return;
        }

        connection.Status = sites.Count == 0 ? ConnectionStatus.AwaitingAuthorization : ConnectionStatus.AwaitingSiteChoice;
        connection.StatusReason = sites.Count == 0
            ? "The account can reach no Jira site."
            : previous is not null
                ? $"The account no longer reaches the site this connection used ({connection.SiteUrl ?? previous}); nothing resumes until an operator chooses a site with PUT /admin/connections/{connection.Name}/site."
                : $"The account can reach {sites.Count} Jira sites; choose one with PUT /admin/connections/{connection.Name}/site.";
        connection.CloudId = null;
    }

    private static string Name(string described) => ColumnText.Cut(described, JiraConnection.MaxAccountNameLength)!;
}
