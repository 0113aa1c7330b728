using System.Security.Cryptography;
using IssueSync.Worker.Connections;
using Microsoft.AspNetCore.DataProtection;

namespace IssueSync.Worker.Tests.Connections;

/// <summary>The token protector decrypts a ciphertext once and remembers it; a ciphertext it cannot read is never answered from memory.</summary>
public sealed class TokenProtectorTests
{
    [Fact]
    public void A_ciphertext_is_decrypted_once_and_a_new_one_again()
    {
        var provider = new CountingProvider(new EphemeralDataProtectionProvider());
        var protector = new TokenProtector(provider);
        var first = protector.Protect("access-1");
        var rotated = protector.Protect("access-2");

        Assert.Equal("access-1", protector.Unprotect(first));
        Assert.Equal("access-1", protector.Unprotect(first));
        Assert.Equal("access-2", protector.Unprotect(rotated));
        Assert.Equal(2, provider.Unprotects);
    }

    [Fact]
    public void A_tampered_ciphertext_is_refused()
    {
        var protector = new TokenProtector(new EphemeralDataProtectionProvider());
        var protectedToken = protector.Protect("access-1");
        Assert.Equal("access-1", protector.Unprotect(protectedToken));

        var tampered = protectedToken[..^4] + (protectedToken[^4] == 'A' ? "B" : "A") + protectedToken[^3..];
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(tampered));
    }

    private sealed class CountingProvider(IDataProtectionProvider inner) : IDataProtectionProvider
    {
        public int Unprotects { get; private set; }

        public IDataProtector CreateProtector(string purpose) => new Counting(inner.CreateProtector(purpose), this);

        private sealed class Counting(IDataProtector inner, CountingProvider owner) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Counting(inner.CreateProtector(purpose), owner);

            public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

            public byte[] Unprotect(byte[] protectedData)
            {
                owner.Unprotects++;
                return inner.Unprotect(protectedData);
            }
        }
    }
}
