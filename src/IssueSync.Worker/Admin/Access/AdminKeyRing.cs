using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Admin.Access;

/// <summary>A configured key as the rest of the worker sees it: its name and role, never its value.</summary>
public sealed record AdminKey(string Name, AdminRole Role)
{
    /// <summary>The claim that carries a short digest of the key, so a session ends when its key is changed or removed.</summary>
    public const string DigestClaim = "issuesync:key-digest";

    /// <summary>The role a principal of the operator surface acts with (its highest role claim), or null.</summary>
    public static string? RoleOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindAll(ClaimTypes.Role).Select(c => c.Value).LastOrDefault();
    }

    public ClaimsPrincipal Principal(string scheme, string digest) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, Name), new Claim(DigestClaim, digest), .. AdminRoles.Included(Role).Select(r => new Claim(ClaimTypes.Role, r))],
        scheme, ClaimTypes.Name, ClaimTypes.Role));
}

/// <summary>
/// The configured admin keys (<see cref="AdminOptions.Keys"/> and the unnamed <see cref="AdminOptions.ApiKeys"/>). A
/// presented key is compared as a SHA-256 digest with every configured one by <see cref="CryptographicOperations.FixedTimeEquals"/>,
/// with no early exit, so neither content nor length leaks through timing.
/// </summary>
public sealed class AdminKeyRing(IOptionsMonitor<AdminOptions> options)
{
    /// <summary>The name a key of <see cref="AdminOptions.ApiKeys"/> is known by.</summary>
    public static string UnnamedKeyName(int index) => $"ApiKeys:{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Every configured key with its value, name and role (a role that does not parse is refused at start).</summary>
    public static IEnumerable<(string Setting, string Value, AdminKey Key)> Configured(AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, key) in options.Keys)
        {
            var role = AdminRoles.TryParse(key.Role, out var parsed) ? parsed : AdminRole.Viewer;
            yield return ($"{AdminOptions.SectionName}:Keys:{name}:Key", key.Key ?? "", new AdminKey(name, role));
        }

        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            yield return ($"{AdminOptions.SectionName}:{UnnamedKeyName(i)}", options.ApiKeys[i], new AdminKey(UnnamedKeyName(i), AdminRole.Admin));
        }
    }

    /// <summary>The key that <paramref name="presented"/> is, or null.</summary>
    public AdminKey? Find(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var digest = Hash(presented);
        AdminKey? matched = null;
        foreach (var (_, value, key) in Configured(options.CurrentValue))
        {
            if (value.Length > 0 && CryptographicOperations.FixedTimeEquals(digest, Hash(value)))
            {
                matched ??= key;
            }
        }

        return matched;
    }

    /// <summary>The key named <paramref name="name"/> if its value still has <paramref name="digest"/> (a console session's check).</summary>
    public AdminKey? FindByName(string name, string digest)
    {
        foreach (var (_, value, key) in Configured(options.CurrentValue))
        {
            if (string.Equals(key.Name, name, StringComparison.Ordinal)
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Digest(value)), Encoding.ASCII.GetBytes(digest)))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>A short, one-way digest of a key that may be stored in an (encrypted) session cookie.</summary>
    public static string Digest(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("issuesync-console:" + key)))[..32];

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
