using IssueSync.Harness;
using IssueSync.Soak;

SoakOptions options;
try
{
    options = SoakOptions.Parse(args, Environment.GetEnvironmentVariable);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"soak: {ex.Message}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    var ok = await new SoakRun(options, RepositoryRoot(), Console.Out).RunAsync(cancel.Token);
    return ok ? 0 : 1;
}
catch (Exception ex)
{
    // The harness could not finish (a process did not start, a service did not answer): every command is unaccounted.
    Console.Out.WriteLine();
    Console.Out.WriteLine($"soak: the run could not be completed: {(ex is HarnessException ? "" : ex.GetType().Name + ": ")}{ex.Message}");
    Console.Out.WriteLine($"soak: {options.Commands} commands, 0 created, 0 lost, 0 duplicates, 0 wrong answers, {options.Commands} unaccounted, 0 kills, FAILED");
    return 1;
}

// The folder that holds IssueSync.sln, above this program's folder (artifacts/bin/IssueSync.Soak/release/).
static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "IssueSync.sln")))
        {
            return directory.FullName;
        }
    }

    throw new HarnessException($"IssueSync.sln was not found above {AppContext.BaseDirectory}: run the soak from the repository's build output.");
}
