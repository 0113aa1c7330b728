using Spectre.Console;

namespace IssueSync.Cli;

/// <summary>
/// What the commands use from the outside world: the console, standard streams, HTTP, environment variables and
/// the clock. Program.cs takes the defaults; tests pass a fake HTTP handler, a <c>TestConsole</c> and fixed values.
/// </summary>
public sealed class CliServices
{
    private readonly IAnsiConsole? _console;

    /// <param name="io">The standard streams (the real console when null).</param>
    /// <param name="console">Where tables and messages go (default: a Spectre console writing to <paramref name="io"/>'s output).</param>
    public CliServices(CliIo? io = null, IAnsiConsole? console = null)
    {
        Io = io ?? CliIo.Console;
        _console = console;
    }

    /// <summary>Standard input, output and error. Errors are written to <see cref="CliIo.Error"/>.</summary>
    public CliIo Io { get; }

    /// <summary>The console tables, prompts, progress and JSON output go to.</summary>
    public IAnsiConsole Console => _console ?? DefaultConsole;

    // kubectl never wraps its tables; when standard output is not a terminal (a pipe, a file), neither do we.
    private IAnsiConsole DefaultConsole => field ??= ReferenceEquals(Io, CliIo.Console) ? RealConsole() : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Io.Out) });

    private static IAnsiConsole RealConsole()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>The width tables get when standard output is redirected.</summary>
    public const int RedirectedWidth = 240;

    /// <summary>Creates the handler of each command's <see cref="HttpClient"/> (disposed with it).</summary>
    public Func<HttpMessageHandler> CreateHttpHandler { get; init; } =
        () => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    /// <summary>How long one admin API call may take.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Reads an environment variable (<c>ISSUESYNC_URL</c>, <c>ISSUESYNC_API_KEY</c>).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The clock, for ages ("5m") and <c>--since 1h</c>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Whether <c>publish --file</c> shows a live progress bar; null: only when standard output is an interactive terminal.</summary>
    public bool? ShowProgress { get; init; }

    internal bool ProgressEnabled =>
        ShowProgress ?? (ReferenceEquals(Io, CliIo.Console) && !System.Console.IsOutputRedirected && Console.Profile.Capabilities.Interactive);
}
