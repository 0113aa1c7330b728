using IssueSync.Cli.Commands;
using Spectre.Console.Cli;

namespace IssueSync.Cli;

/// <summary>Builds the <c>issuesync</c> command tree. Program.cs and the tests use the same app.</summary>
public static class CliApp
{
    /// <summary>Stands for "-" (standard input): Spectre would read a lone "-" as an option with no name.</summary>
    public const string StdinArgument = "\u0000stdin";

    /// <summary>Runs the app with <paramref name="args"/>, reading and writing <paramref name="io"/> (the real console when null).</summary>
    public static Task<int> RunAsync(IEnumerable<string> args, CliIo? io = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Create(io).RunAsync(args.Select(a => a == "-" ? StdinArgument : a), cancellationToken);
    }

    /// <summary>The app wired to <paramref name="io"/> (the real console when null). Add branches here.</summary>
    public static CommandApp Create(CliIo? io = null)
    {
        io ??= CliIo.Console;
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("issuesync");
            config.Settings.Registrar.RegisterInstance(io);
            config.SetExceptionHandler((exception, _) => HandleException(exception, io));
            config.AddBranch("adf", adf =>
            {
                adf.SetDescription("Atlassian Document Format tools.");
                adf.AddCommand<FromMarkdownCommand>("from-markdown")
                    .WithDescription("Print the ADF JSON that IssueSync sends to Jira for a Markdown description.")
                    .WithExample("adf", "from-markdown", "bug.md")
                    .WithExample("adf", "from-markdown", "-", "--compact");
            });
        });
        return app;
    }

    private static int HandleException(Exception exception, CliIo io)
    {
        if (exception is CommandParseException or CommandRuntimeException)
        {
            io.Error.WriteLine($"issuesync: {exception.Message}");
            io.Error.WriteLine("Run 'issuesync --help' for usage.");
            return ExitCodes.Usage;
        }

        io.Error.WriteLine($"issuesync: unexpected error: {exception.GetType().Name}: {exception.Message}");
        return ExitCodes.Internal;
    }
}
