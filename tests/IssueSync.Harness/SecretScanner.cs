using System.Text.RegularExpressions;

namespace IssueSync.Harness;

/// <summary>
/// Looks for secrets (access and refresh tokens) in log files. Tokens are opaque URL-safe strings: every run of
/// URL-safe characters at least as long as the shortest secret is cut into windows of each secret length and looked
/// up, so one pass finds any of thousands of secrets anywhere in a line (inside JSON, a URL, a header …).
/// </summary>
public static partial class SecretScanner
{
    public static IReadOnlyList<SecretLeak> Scan(IEnumerable<string> files, IReadOnlyCollection<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var wanted = new HashSet<string>(secrets.Where(s => s.Length >= 16), StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return [];
        }

        var lengths = wanted.Select(s => s.Length).Distinct().Order().ToArray();
        var leaks = new List<SecretLeak>();
        foreach (var file in files.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                foreach (Match run in UrlSafeRun().Matches(line))
                {
                    if (run.Length < lengths[0])
                    {
                        continue;
                    }

                    foreach (var length in lengths)
                    {
                        for (var start = 0; start + length <= run.Length; start++)
                        {
                            var candidate = run.ValueSpan.Slice(start, length).ToString();
                            if (wanted.Contains(candidate))
                            {
                                leaks.Add(new SecretLeak(file, lineNumber, candidate));
                            }
                        }
                    }
                }
            }
        }

        return leaks;
    }

    [GeneratedRegex("[A-Za-z0-9_-]{16,}")]
    private static partial Regex UrlSafeRun();
}

/// <summary>A secret found in a log; <see cref="Redacted"/> shows only its first characters.</summary>
public sealed record SecretLeak(string File, int Line, string Secret)
{
    public string Redacted => Secret[..6] + "…";
}
