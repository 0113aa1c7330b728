using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IssueSync.Worker.Persistence;
using Microsoft.AspNetCore.DataProtection;

namespace IssueSync.Worker.Hosting;

/// <summary>
/// The Data Protection key ring (the keys that encrypt every OAuth token) lives in the database next to the tokens,
/// so it is itself encrypted with a certificate mounted from a secret: a database backup or read replica alone then
/// decrypts nothing. Outside Development the worker does not start without that certificate.
/// Rotation: the new certificate encrypts keys created from now on; the previous ones (still needed for the keys they
/// encrypted) are listed under <c>DataProtection:PreviousCertificates</c> and only decrypt.
/// </summary>
public static class KeyRingProtection
{
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";
    public const string PreviousCertificatesKey = "DataProtection:PreviousCertificates";

    public static void AddIssueSyncDataProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("IssueSync")
            .PersistKeysToDbContext<IssueSyncDbContext>();

        if (configuration[CertificatePathKey] is not { Length: > 0 } certificatePath)
        {
            if (!builder.Environment.IsDevelopment())
            {
                throw new StartupException(CertificatePathKey,
                    "is not set, so the key ring that encrypts the OAuth tokens would be stored unencrypted in the same database as the tokens. " +
                    "Outside Development the worker refuses that: mount a PKCS#12 certificate from a secret and set DataProtection:CertificatePath " +
                    "(and DataProtection:CertificatePassword) to it (README, \"Key ring\").", null);
            }

            return;
        }

        var current = Load(CertificatePathKey, certificatePath, configuration[CertificatePasswordKey]);
        var previous = configuration.GetSection(PreviousCertificatesKey).GetChildren()
            .Select(entry => (Key: $"{PreviousCertificatesKey}:{entry.Key}:Path", Path: entry["Path"], Password: entry["Password"]))
            .Where(entry => entry.Path is { Length: > 0 })
            .Select(entry => Load(entry.Key, entry.Path!, entry.Password));
        dataProtection.ProtectKeysWithCertificate(current)
            .UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    /// <summary>
    /// Writes a self-signed certificate with its private key (PKCS#12) for the key ring: what
    /// <c>IssueSync.Worker key-ring-certificate &lt;path&gt;</c> does for compose, and what tests use.
    /// </summary>
    public static void WriteSelfSignedCertificate(string path, string? password, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=IssueSync key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(5));
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static X509Certificate2 Load(string setting, string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            if (!certificate.HasPrivateKey)
            {
                throw new StartupException(setting, $"the certificate at '{path}' has no private key, so it cannot decrypt the key ring. Export it with its key (PKCS#12).", null);
            }

            return certificate;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new StartupException(setting,
                $"the certificate that protects the key ring could not be loaded from '{path}' ({ex.Message}). " +
                "Mount the PKCS#12 file there and give its password in DataProtection:CertificatePassword.", ex);
        }
    }
}
