using System.Diagnostics;

namespace IssueSync.Jira.Tests.Adf.Support;

/// <summary>
/// Runs a named scenario in a fresh copy of this test executable, so that a stack overflow (which .NET cannot
/// catch and which kills the whole process) fails one test instead of the test run. The child loads this assembly
/// as a .NET startup hook (<see cref="StartupHook"/>), which runs the scenario on a thread with a 1 MiB stack
/// (smaller than the thread pool's), prints one line and exits before the test platform starts.
/// </summary>
internal static class ChildProcess
{
    private const string ScenarioVariable = "ISSUESYNC_ADF_TEST_SCENARIO";
    private const int ChildStackSize = 1024 * 1024;

    /// <summary>The outcome of a child run: its exit code and what it printed.</summary>
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit code {ExitCode}; stdout: {Output}; stderr: {Error[..Math.Min(Error.Length, 2_000)]}";
    }

    public static async Task<Outcome> RunAsync(string scenario)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The test host has no process path.");
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        start.Environment[ScenarioVariable] = scenario;
        start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(ChildProcess).Assembly.Location;
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = child.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = child.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill();
            throw new TimeoutException($"Scenario '{scenario}' did not finish within two minutes.");
        }

        return new Outcome(child.ExitCode, (await output).Trim(), (await error).Trim());
    }

    /// <summary>Called by <see cref="StartupHook"/> in a child; in a normal test run the variable is unset.</summary>
    internal static void RunScenarioIfAsked()
    {
        if (Environment.GetEnvironmentVariable(ScenarioVariable) is not { } name)
        {
            return;
        }

        var exitCode = 3;
        var thread = new Thread(
            () =>
            {
                if (!ChildScenarios.All.TryGetValue(name, out var scenario))
                {
                    Console.WriteLine($"unknown scenario '{name}'");
                    exitCode = 2;
                    return;
                }

                Console.WriteLine(scenario());
                exitCode = 0;
            },
            ChildStackSize);
        thread.Start();
        thread.Join();
        Console.Out.Flush();
        Environment.Exit(exitCode);
    }
}
