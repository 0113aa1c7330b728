using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;

namespace IssueSync.Worker.Connections;

/// <summary>
/// Encrypts OAuth tokens at rest with ASP.NET Core Data Protection. The key ring lives in the database, so every
/// replica can read what another wrote. Every command reads its connection's access token; the tokens this replica
/// decrypted lately are kept in memory (it holds them while it uses them anyway), so that a token is decrypted once
/// per rotation rather than twice per command. A rotation writes a new ciphertext, which is a new entry.
/// </summary>
public sealed class TokenProtector(IDataProtectionProvider provider)
{
    /// <summary>Ciphertexts remembered at most; beyond, the memory starts again (connections × a few rotations fit easily).</summary>
    private const int MaxRemembered = 1024;

    private readonly IDataProtector _protector = provider.CreateProtector("IssueSync.Connections.Tokens.v1");
    private readonly ConcurrentDictionary<string, string> _decrypted = new(StringComparer.Ordinal);

    public string Protect(string token) => _protector.Protect(token);

    public string Unprotect(string protectedToken)
    {
        ArgumentNullException.ThrowIfNull(protectedToken);
        if (_decrypted.TryGetValue(protectedToken, out var token))
        {
            return token;
        }

        token = _protector.Unprotect(protectedToken);
        if (_decrypted.Count >= MaxRemembered)
        {
            _decrypted.Clear();
        }

        _decrypted[protectedToken] = token;
        return token;
    }
}
