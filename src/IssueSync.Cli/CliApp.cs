using IssueSync.Cli.Commands;
using IssueSync.Cli.Commands.Connections;
using IssueSync.Cli.Commands.ErrorQueue;
using IssueSync.Cli.Commands.Ledger;
using IssueSync.Cli.Commands.Publishing;
using Spectre.Console.Cli;

namespace IssueSync.Cli;

/// <summary>Builds the <c>issuesync</c> command tree. Program.cs and the tests use the same app.</summary>
public static class CliApp
{
    /// <summary>Stands for "-" (standard input): Spectre would read a lone "-" as an option with no name.</summary>
    public const string StdinArgument = "\u0000stdin";

    /// <summary>Runs the app with <paramref name="args"/>, reading and writing <paramref name="io"/> (the real console when null).</summary>
    public static Task<int> RunAsync(IEnumerable<string> args, CliIo? io = null, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliServices(io), cancellationToken);

    /// <summary>Runs the app with <paramref name="args"/> and <paramref name="services"/> (console, HTTP, environment, clock).</summary>
    public static Task<int> RunAsync(IEnumerable<string> args, CliServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Create(services).RunAsync(args.Select(a => a == "-" ? StdinArgument : a), cancellationToken);
    }

    /// <summary>The app wired to <paramref name="io"/> (the real console when null).</summary>
    public static CommandApp Create(CliIo? io = null) => Create(new CliServices(io));

    /// <summary>The app wired to <paramref name="services"/>. Add branches here.</summary>
    public static CommandApp Create(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("issuesync");
            config.ConfigureConsole(services.Console);
            config.Settings.Registrar.RegisterInstance(services.Io);
            config.Settings.Registrar.RegisterInstance(services);
            config.SetExceptionHandler((exception, _) => HandleException(exception, services.Io));

            // The demo is a tool of its own (it runs a worker, which this CLI does not contain); the old name says where it went.
            config.AddCommand<DemoMovedCommand>("demo").IsHidden();

            config.AddCommand<PublishCommand>("publish")
                .WithDescription("Send CreateIssue commands: one from flags, or JSON Lines from a file (with a progress bar).")
                .WithExample("publish", "--connection", "acme", "--project", "OPS", "--type", "Bug", "--summary", "\"Checkout returns 500\"", "--label", "alerting")
                .WithExample("publish", "--file", "commands.jsonl");

            config.AddBranch("connections", connections =>
            {
                connections.SetDescription("Connected Atlassian accounts: create, authorize, choose a site, confirm a reconnecting account, disconnect.");
                connections.AddCommand<ConnectionsListCommand>("list").WithAlias("ls")
                    .WithDescription("List connections with their status, site, token expiry and command counts.");
                connections.AddCommand<ConnectionsShowCommand>("show")
                    .WithDescription("Show one connection and the sites it can reach.")
                    .WithExample("connections", "show", "acme");
                connections.AddCommand<ConnectionsCreateCommand>("create")
                    .WithDescription("Create a connection and print the URL the user opens to consent.")
                    .WithExample("connections", "create", "acme");
                connections.AddCommand<ConnectionsAuthorizeCommand>("authorize")
                    .WithDescription("Print a new consent URL for a connection (reconnect after invalid_grant).")
                    .WithExample("connections", "authorize", "acme");
                connections.AddCommand<ConnectionsChooseSiteCommand>("choose-site")
                    .WithDescription("Choose the Jira site of a connection that reaches several.")
                    .WithExample("connections", "choose-site", "acme", "https://acme.atlassian.net");
                connections.AddCommand<ConnectionsConfirmAccountCommand>("confirm-account")
                    .WithDescription("Bind a connection to the other Atlassian account that reconnected it (its commands resume).")
                    .WithExample("connections", "confirm-account", "acme", "712020:4f9b2c6e-8a1d-4e3b-9c5f-2d7a0b6e1f38");
                connections.AddCommand<ConnectionsRefuseAccountCommand>("refuse-account")
                    .WithDescription("Refuse the other Atlassian account that reconnected a connection (its tokens are erased).")
                    .WithExample("connections", "refuse-account", "acme");
                connections.AddCommand<ConnectionsDisconnectCommand>("disconnect")
                    .WithDescription("Erase a connection's tokens (asks for confirmation unless --yes).")
                    .WithExample("connections", "disconnect", "acme", "--yes");
            });

            config.AddBranch("commands", commands =>
            {
                commands.SetDescription("The command ledger: list, show, edit-then-retry.");
                commands.AddCommand<CommandsListCommand>("list").WithAlias("ls")
                    .WithDescription("List commands, newest first, by state, connection, reason and time.")
                    .WithExample("commands", "list", "--state", "Failed", "--reason", "validation", "--since", "2h");
                commands.AddCommand<CommandsShowCommand>("show")
                    .WithDescription("Show a command with Jira's field errors, its outcome knowledge, its attempts and the next steps.")
                    .WithExample("commands", "show", "alert-7f3c2a91")
                    .WithExample("commands", "show", "3f2c9a1e");
                commands.AddCommand<CommandsEditCommand>("edit")
                    .WithDescription("Change fields of a failed command, re-validate it and retry it.")
                    .WithExample("commands", "edit", "alert-7f3c2a91", "--priority", "High", "--field", "customfield_10050=Sev2");
            });

            config.AddCommand<FailuresCommand>("failures")
                .WithDescription("Failed commands grouped by reason, with what to run next.");
            config.AddCommand<RetryCommand>("retry")
                .WithDescription("Retry commands by id, or every failed command with a reason or of a connection.")
                .WithExample("retry", "3f2c9a1e-0000-4000-8000-000000000001")
                .WithExample("retry", "--reason", "validation", "--yes");
            config.AddCommand<ResolveCommand>("resolve")
                .WithDescription("Decide an uncertain command: the issue exists (--issue KEY, checked in Jira) or post it again (--post-again).")
                .WithExample("resolve", "3f2c9a1e", "--issue", "OPS-42")
                .WithExample("resolve", "3f2c9a1e", "--post-again");
            config.AddCommand<FailCommand>("fail")
                .WithDescription("End a command (an uncertain one, typically) as failed, saying why (the producer gets IssueCreationFailed).")
                .WithExample("fail", "3f2c9a1e", "--reason", "\"created by hand as OPS-40\"");
            config.AddCommand<DiscardCommand>("discard")
                .WithDescription("Give up on a command, saying why (the producer gets IssueCreationFailed 'discarded').")
                .WithExample("discard", "alert-7f3c2a91", "--reason", "\"duplicate of OPS-12\"");
            config.AddCommand<RejectedCommand>("rejected")
                .WithDescription("Messages that never became commands: unreadable, unknown type, oversize.");

            config.AddBranch("error-queue", errorQueue =>
            {
                errorQueue.SetDescription("MassTransit's _error queue (RabbitMQ transport).");
                errorQueue.AddCommand<ErrorQueueListCommand>("list").WithAlias("ls")
                    .WithDescription("List the messages in the error queue without removing them.");
                errorQueue.AddCommand<ErrorQueueRedriveCommand>("redrive")
                    .WithDescription("Send messages back to the input queue: by id, by exception type, or all.")
                    .WithExample("error-queue", "redrive", "--id", "0b8e0000-1c2d-3e4f-5a6b-7c8d9e0f1a2b")
                    .WithExample("error-queue", "redrive", "--exception-type", "System.InvalidOperationException", "--yes");
            });

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
