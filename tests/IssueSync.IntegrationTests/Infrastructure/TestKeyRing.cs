using IssueSync.Worker.Hosting;

namespace IssueSync.IntegrationTests.Infrastructure;

/// <summary>
/// One self-signed key-ring certificate per test run, shared by every replica (each must read the keys another
/// created): outside Development the worker does not start without one (DataProtection:CertificatePath).
/// </summary>
public static class TestKeyRing
{
    private static readonly Lazy<string> Certificate = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"issuesync-integration-{Environment.ProcessId}-key-ring.pfx");
        KeyRingProtection.WriteSelfSignedCertificate(path, password: null, TimeProvider.System);
        return path;
    });

    public static string CertificatePath => Certificate.Value;
}
