using System.Security.Cryptography;
using System.Text;

namespace IssueSync.Jira.Metadata;

/// <summary>The label that marks an issue as created for one command, so a retry can find it instead of creating another.</summary>
public static class DedupeLabel
{
    /// <summary>The label prefix.</summary>
    public const string Prefix = "issuesync-";

    /// <summary><c>issuesync-</c> plus the first 32 hex digits of SHA-256 of the key: stable, no spaces, safe in JQL.</summary>
    public static string For(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return Prefix + Convert.ToHexStringLower(hash)[..32];
    }
}
