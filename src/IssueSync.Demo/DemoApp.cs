using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Demo;

/// <summary>
/// <c>issuesync-demo</c>: one command (<see cref="DemoCommand"/>). Program.cs and the tests run the same app; the caller's
/// token is how it is stopped (Program.cs cancels it on Ctrl+C and SIGTERM).
/// </summary>
public static class DemoApp
{
    /// <summary>Everything ended as expected.</summary>
    public const int Success = 0;

    /// <summary>The demo ran, but some command did not end as expected.</summary>
    public const int NotAsExpected = 1;

    /// <summary>A bad option.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl+C or SIGTERM before the summary (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Something failed that should not have (the message says what; the worker log may say more).</summary>
    public const int Failed = 70;

    public static async Task<int> RunAsync(IEnumerable<string> args, IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        var output = console ?? AnsiConsole.Console;
        var app = new CommandApp<DemoCommand>();
        app.Configure(config =>
        {
            config.SetApplicationName("issuesync-demo");
            config.ConfigureConsole(output);
            config.Settings.Registrar.RegisterInstance(output);
            config.SetExceptionHandler((exception, _) => Report(exception, output, cancellationToken));
            config.AddExample("--keep-running");
            config.AddExample("--json");
        });
        return await app.RunAsync(args, cancellationToken);
    }

    private static int Report(Exception exception, IAnsiConsole console, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                console.MarkupLine("[yellow]Interrupted; the worker and the simulator were stopped.[/]");
                return Interrupted;
            case CommandParseException or CommandRuntimeException:
                console.MarkupLine($"[red]issuesync-demo:[/] {Markup.Escape(exception.Message)} (see --help)");
                return Usage;
            default:
                console.MarkupLine($"[red]issuesync-demo failed:[/] {Markup.Escape(exception.GetType().Name)}: {Markup.Escape(exception.Message)}");
                return Failed;
        }
    }
}
