using IssueSync.Worker.Hosting;

namespace IssueSync.Worker.Tests.Support;

/// <summary>
/// One self-signed key-ring certificate per test run: outside Development the worker does not start without one
/// (DataProtection:CertificatePath), and the tests start it as Production.
/// </summary>
public static class TestKeyRing
{
    private static readonly Lazy<string> Certificate = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"issuesync-worker-tests-{Environment.ProcessId}-key-ring.pfx");
        KeyRingProtection.WriteSelfSignedCertificate(path, password: null, TimeProvider.System);
        return path;
    });

    public static string CertificatePath => Certificate.Value;
}
