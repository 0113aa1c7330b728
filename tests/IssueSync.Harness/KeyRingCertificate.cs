using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IssueSync.Harness;

/// <summary>
/// The self-signed certificate a run's workers protect their key ring with (outside Development the worker does not
/// start without one), as <c>IssueSync.Worker key-ring-certificate</c> writes it; one per run folder, shared by every
/// replica so each can read the keys another created.
/// </summary>
public static class KeyRingCertificate
{
    private static readonly Lock Writing = new();

    public static string In(string runDirectory)
    {
        var path = Path.Combine(runDirectory, "key-ring.pfx");
        lock (Writing)
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(runDirectory);
                using var rsa = RSA.Create(2048);
                var request = new CertificateRequest("CN=IssueSync test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
                File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
            }
        }

        return path;
    }
}
