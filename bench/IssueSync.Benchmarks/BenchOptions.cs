using System.Globalization;

namespace IssueSync.Benchmarks;

/// <summary>
/// <c>--scenario pipeline|latency|pacing|tokens|all [--json FILE] [--commands N] [--warmup N] [--concurrency C]</c>; RabbitMQ and
/// PostgreSQL from <c>ISSUESYNC_TEST_RABBITMQ</c> / <c>ISSUESYNC_TEST_POSTGRES</c> (bench/run.sh sets them).
/// </summary>
public sealed record BenchOptions(
    IReadOnlyList<string> Scenarios, string? JsonPath, int? Commands, int? Warmup, int Concurrency, Uri RabbitMqUri, string PostgresConnectionString, string RepositoryRoot)
{
    public static readonly IReadOnlyList<string> AllScenarios = ["pipeline", "latency", "pacing", "tokens"];

    /// <summary>The scenario's own command count unless <c>--commands</c> overrides every scenario's.</summary>
    public int CommandsOr(int scenarioDefault) => Commands ?? scenarioDefault;

    /// <summary>The commands a run handles before it is measured, unless <c>--warmup</c> (0: from a cold start) sets it for every run that has one.</summary>
    public int WarmupOr(int scenarioDefault) => Warmup ?? scenarioDefault;

    /// <summary>The options, or null with the problems written to <paramref name="errors"/>.</summary>
    public static BenchOptions? Parse(string[] args, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(errors);
        var problems = new List<string>();
        string? scenario = null, json = null;
        int? commands = null, warmup = null;
        var concurrency = 16;
        for (var i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--scenario":
                    scenario = Value();
                    break;
                case "--json":
                    json = Value() ?? "";
                    break;
                case "--commands":
                    commands = PositiveInt("--commands", Value(), problems);
                    break;
                case "--warmup":
                    warmup = NonNegativeInt("--warmup", Value(), problems);
                    break;
                case "--concurrency":
                    concurrency = PositiveInt("--concurrency", Value(), problems) ?? concurrency;
                    break;
                default:
                    problems.Add($"Unknown option '{args[i]}'.");
                    break;
            }
        }

        IReadOnlyList<string> scenarios = scenario switch
        {
            null => [.. AllScenarios],
            "all" => [.. AllScenarios],
            _ when AllScenarios.Contains(scenario) => [scenario],
            _ => [],
        };
        if (scenarios.Count == 0)
        {
            problems.Add($"--scenario must be one of {string.Join(", ", AllScenarios)} or all, not '{scenario}'.");
        }

        if (json is "")
        {
            problems.Add("--json needs a file name.");
        }

        var rabbit = Environment.GetEnvironmentVariable("ISSUESYNC_TEST_RABBITMQ");
        var postgres = Environment.GetEnvironmentVariable("ISSUESYNC_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(rabbit) || string.IsNullOrWhiteSpace(postgres))
        {
            problems.Add("ISSUESYNC_TEST_RABBITMQ and ISSUESYNC_TEST_POSTGRES must be set: run the benchmark through bench/run.sh, which starts both when they are not.");
        }

        var root = FindRepositoryRoot();
        if (root is null)
        {
            problems.Add("Run the benchmark from inside the repository (no IssueSync.sln found above the current folder).");
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                errors.WriteLine("bench: " + problem);
            }

            errors.WriteLine("usage: bench/run.sh --scenario pipeline|latency|pacing|tokens|all [--json FILE] [--commands N] [--warmup N] [--concurrency C]");
            return null;
        }

        return new BenchOptions(scenarios, json, commands, warmup, concurrency, new Uri(rabbit!), postgres!, root!);
    }

    private static int? PositiveInt(string name, string? text, List<string> problems)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        problems.Add($"{name} needs a whole number above 0, not '{text}'.");
        return null;
    }

    private static int? NonNegativeInt(string name, string? text, List<string> problems)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{name} needs a whole number (0 or more), not '{text}'.");
        return null;
    }

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IssueSync.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
