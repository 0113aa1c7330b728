using System.Globalization;

namespace IssueSync.Benchmarks;

/// <summary>Command-line options: --commands N --replicas R --concurrency C --latency-ms L --connections K --token-lifetime-s T.</summary>
public sealed record BenchmarkOptions(int Commands, int Replicas, int Concurrency, int LatencyMs, int Connections, int TokenLifetimeSeconds)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchmarkOptions(
            Get("--commands", 1000), Get("--replicas", 2), Get("--concurrency", 16), Get("--latency-ms", 150), Get("--connections", 4),
            Get("--token-lifetime-s", 3600));
    }
}
