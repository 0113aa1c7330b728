using System.Globalization;
using System.Text.Json;

namespace IssueSync.Benchmarks;

/// <summary>The table printed at the end and the <c>--json</c> file (<c>{"scenarios": {name: {key: number}}}</c>).</summary>
public static class Report
{
    /// <summary>Issue 12's targets: scenario, key, at least (true) or at most (false), value.</summary>
    private static readonly (string Scenario, string Key, bool AtLeast, double Value)[] Targets =
    [
        ("pipeline", "ratio_to_ceiling", true, 0.25),
        ("pipeline", "jira_calls_per_issue", false, 1.01),
        ("pipeline", "baseline_jira_calls_per_issue", true, 3),
        ("pipeline", "worker_peak_rss_mb", false, 250),
        ("pipeline", "lost", false, 0),
        ("pipeline", "duplicates", false, 0),
        ("latency", "replicas_1_ratio_to_bound", true, 0.8),
        ("latency", "replicas_3_ratio_to_bound", true, 0.8),
        ("pacing", "goodput_ratio", true, 0.9),
        ("pacing", "share_429", false, 0.05),
        ("pacing", "quota_goodput_ratio", true, 0.9),
        ("tokens", "refreshes_per_connection_per_lifetime", false, 1.05),
        ("tokens", "invalid_grant", false, 0),
        ("tokens", "share_401", false, 0.001),
    ];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void PrintTable(IReadOnlyDictionary<string, Dictionary<string, double>> scenarios, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine();
        output.WriteLine($"| {"scenario",-9} | {"key",-44} | {"value",12} | {"target",-8} |");
        output.WriteLine($"|{new string('-', 11)}|{new string('-', 46)}|{new string('-', 14)}|{new string('-', 10)}|");
        foreach (var (scenario, values) in scenarios)
        {
            foreach (var (key, value) in values)
            {
                var target = Targets.Where(t => t.Scenario == scenario && t.Key == key).Select(t => Verdict(t.AtLeast, t.Value, value)).FirstOrDefault() ?? "";
                output.WriteLine($"| {scenario,-9} | {key,-44} | {Format(value),12} | {target,-8} |");
            }
        }
    }

    public static async Task WriteJsonAsync(string path, IReadOnlyDictionary<string, Dictionary<string, double>> scenarios, CancellationToken cancellationToken)
    {
        var document = new Dictionary<string, object>
        {
            ["scenarios"] = scenarios.ToDictionary(s => s.Key, s => s.Value.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 4))),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Indented), cancellationToken);
    }

    private static string Verdict(bool atLeast, double target, double value) =>
        (atLeast ? "≥ " : "≤ ") + Format(target) + ((atLeast ? value >= target : value <= target) ? " ok" : " MISSED");

    private static string Format(double value) => value.ToString(Math.Abs(value) >= 100 ? "0.#" : "0.####", CultureInfo.InvariantCulture);
}
