using System.Globalization;

namespace IssueSync.Benchmarks;

/// <summary>CPU time and peak resident memory of another process, read from <c>/proc</c> (Linux).</summary>
public static class ProcessMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux.

    /// <summary>User + system CPU time the process has used so far, in milliseconds.</summary>
    public static double CpuMilliseconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) * 1000 / TicksPerSecond;
    }

    /// <summary>The process's peak resident set (VmHWM) in MiB.</summary>
    public static double PeakRssMegabytes(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kilobytes / 1024.0;
            }
        }

        throw new InvalidOperationException($"/proc/{processId}/status has no VmHWM line.");
    }
}
