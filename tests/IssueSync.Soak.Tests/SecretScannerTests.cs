using IssueSync.Harness;

namespace IssueSync.Soak.Tests;

public sealed class SecretScannerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("soak-scan-").FullName;

    [Fact]
    public void Finds_a_token_anywhere_in_a_line_and_ignores_a_prefix_of_it()
    {
        var token = "eYtq1_" + new string('Q', 40) + "-x9Z_Aa0bB1cC2dD3";
        var other = "Rr" + new string('k', 62);
        var log = Path.Combine(_folder, "worker-1.log");
        File.WriteAllLines(log,
        [
            "[10:00:00 INF] refreshed the token of connection acme",
            $"{{\"Authorization\":\"Bearer {token}\",\"level\":\"Debug\"}}",
            $"only a prefix: {token[..12]}…",
            $"in a URL: https://x/?access_token={other}&state=1",
        ]);

        var leaks = SecretScanner.Scan([log, Path.Combine(_folder, "missing.log")], [token, other]);

        Assert.Equal([(2, token), (4, other)], leaks.Select(l => (l.Line, l.Secret)).ToList());
        Assert.Equal(token[..6] + "…", leaks[0].Redacted);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
