using System.Diagnostics;
using System.Globalization;

namespace IssueSync.Soak;

/// <summary>What happened when, printed as it happens (seconds since the first publish) and kept for the run folder.</summary>
public sealed class Timeline(Stopwatch clock, TextWriter output, string path)
{
    private readonly Lock _lock = new();

    public void Add(string what, bool verbose = false)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:0.0} s] {what}");
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
