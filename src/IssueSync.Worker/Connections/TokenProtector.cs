using Microsoft.AspNetCore.DataProtection;

namespace IssueSync.Worker.Connections;

/// <summary>
/// Encrypts OAuth tokens at rest with ASP.NET Core Data Protection. The key ring lives in the database, so every
/// replica can read what another wrote.
/// </summary>
public sealed class TokenProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("IssueSync.Connections.Tokens.v1");

    public string Protect(string token) => _protector.Protect(token);

    public string Unprotect(string protectedToken) => _protector.Unprotect(protectedToken);
}
