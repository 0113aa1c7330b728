using System.Security.Cryptography;
using System.Text;
using IssueSync.Admin.Contracts;
using IssueSync.Jira.OAuth;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Admin.Connections;

/// <summary>
/// Atlassian authorize links. Each carries a <c>state</c> that is random, single-use, short-lived
/// (<c>Admin:OAuthStateLifetime</c>) and bound to one connection; only its SHA-256 is stored. A connection has at
/// most one usable link: a new link, or a disconnect, revokes every state issued before.
/// </summary>
public sealed class AuthorizeLinks(IssueSyncDbContext db, IAtlassianOAuthClient oauth, IOptions<AdminOptions> options)
{
    /// <summary>
    /// A new link for <paramref name="connection"/>: the links issued before are revoked at once, the new state is added
    /// to the context (saved with the caller's changes).
    /// </summary>
    public async Task<AuthorizeLink> NewAsync(JiraConnection connection, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await RevokeAsync(connection.Id, cancellationToken);
        var state = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expires = now + options.Value.OAuthStateLifetime;
        db.OAuthStates.Add(new OAuthState { StateHash = Hash(state), ConnectionId = connection.Id, CreatedAt = now, ExpiresAt = expires });
        return new AuthorizeLink(oauth.BuildAuthorizationUrl(state), expires);
    }

    /// <summary>Deletes every state issued for the connection, so no link issued so far can complete.</summary>
    public Task<int> RevokeAsync(Guid connectionId, CancellationToken cancellationToken) =>
        db.OAuthStates.Where(s => s.ConnectionId == connectionId).ExecuteDeleteAsync(cancellationToken);

    public static string Hash(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
