using System.Diagnostics;
using System.Globalization;

namespace IssueSync.Soak;

/// <summary>What happened when, printed as it happens and kept in the run folder (timeline.log).</summary>
public sealed class Timeline(Stopwatch clock, TextWriter output, string path)
{
    private readonly Lock _lock = new();

    public void Add(string what, bool verbose = false)
    {
        // Seconds since the first publish, and the UTC time of day to compare with the ledger's and the logs' times.
        var line = string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:0.0} s {DateTime.UtcNow:HH:mm:ss.f}] {what}");
        lock (_lock)
        {
            if (!verbose)
            {
                output.WriteLine(line);
            }

            File.AppendAllText(path, line + Environment.NewLine);
        }
    }
}
