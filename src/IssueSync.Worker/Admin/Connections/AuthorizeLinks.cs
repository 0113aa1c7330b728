using System.Security.Cryptography;
using System.Text;
using IssueSync.Admin.Contracts;
using IssueSync.Jira.OAuth;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Admin.Connections;

/// <summary>
/// Atlassian authorize links. Each carries a <c>state</c> that is random, single-use, short-lived
/// (<c>Admin:OAuthStateLifetime</c>) and bound to one connection; only its SHA-256 is stored.
/// </summary>
public sealed class AuthorizeLinks(IssueSyncDbContext db, IAtlassianOAuthClient oauth, IOptions<AdminOptions> options)
{
    /// <summary>A new link for <paramref name="connection"/>; its state is added to the context (saved with the caller's changes).</summary>
    public AuthorizeLink New(JiraConnection connection, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var state = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expires = now + options.Value.OAuthStateLifetime;
        db.OAuthStates.Add(new OAuthState { StateHash = Hash(state), ConnectionId = connection.Id, CreatedAt = now, ExpiresAt = expires });
        return new AuthorizeLink(oauth.BuildAuthorizationUrl(state), expires);
    }

    public static string Hash(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
