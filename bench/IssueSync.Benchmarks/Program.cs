using System.Globalization;
using IssueSync.Benchmarks;
using IssueSync.Harness;

var options = BenchOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var runId = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
Console.WriteLine($"IssueSync benchmark {runId}: {string.Join(", ", options.Scenarios)}; concurrency {options.Concurrency} per replica; " +
    $"{Environment.ProcessorCount} cores; results in artifacts/bench/{runId}");
var scenarios = new Scenarios(options, runId, Console.Out);
var results = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
try
{
    foreach (var scenario in options.Scenarios)
    {
        var started = DateTime.UtcNow;
        results[scenario] = await scenarios.RunAsync(scenario, stop.Token);
        Console.WriteLine($"[{scenario}] done in {(DateTime.UtcNow - started).TotalSeconds:0} s");
    }
}
catch (HarnessException ex)
{
    Console.Error.WriteLine("bench: " + ex.Message);
    return 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("bench: stopped.");
    return 130;
}

Report.PrintTable(results, Console.Out);
if (options.JsonPath is { } path)
{
    await Report.WriteJsonAsync(path, results, CancellationToken.None);
    Console.WriteLine($"JSON written to {path}");
}

return 0;
