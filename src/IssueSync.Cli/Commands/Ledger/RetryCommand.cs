using System.ComponentModel;
using System.Globalization;
using IssueSync.Admin.Contracts;
using IssueSync.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.Ledger;

/// <summary>Options of <c>retry</c>: ids, or a filter.</summary>
public sealed class RetrySettings : ConfirmableSettings
{
    [CommandArgument(0, "[id]")]
    [Description("Command ids (or one idempotency key) to retry.")]
    public string[] Ids { get; init; } = [];

    [CommandOption("--reason <CODE>")]
    [Description("Retry every command that failed with this reason code.")]
    public string? Reason { get; init; }

    [CommandOption("--connection <NAME>")]
    [Description("Retry every failed command of this connection (combines with --reason).")]
    public string? Connection { get; init; }

    [CommandOption("--state <STATE>")]
    [Description("With a filter: Failed (default), Parked or Discarded.")]
    public string? State { get; init; }

    internal bool IsFilter => Reason is not null || Connection is not null || State is not null;

    public override ValidationResult Validate()
    {
        if (Ids.Length > 0 && IsFilter)
        {
            return ValidationResult.Error("Give ids or a filter (--reason, --connection, --state), not both.");
        }

        if (Ids.Length == 0 && !IsFilter)
        {
            return ValidationResult.Error("Give the ids of the commands to retry, or a filter: --reason CODE and/or --connection NAME.");
        }

        return ValidationResult.Success();
    }
}

/// <summary><c>issuesync retry ID…</c> or <c>issuesync retry --reason R / --connection C</c>.</summary>
public sealed class RetryCommand(CliServices services) : ApiCommand<RetrySettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, RetrySettings settings, CancellationToken cancellationToken)
    {
        if (settings.Ids.Length == 1)
        {
            var one = await api.RetryCommandAsync(settings.Ids[0], cancellationToken);
            if (settings.Json)
            {
                WriteJson(one.Json);
                return ExitCodes.Success;
            }

            Console.MarkupLine($"command/{Markup.Escape(Show.ShortId(one.Value.Id))} retried (state {Show.State(one.Value.State)})");
            return ExitCodes.Success;
        }

        RetryFilter request;
        string what;
        if (settings.Ids.Length > 1)
        {
            request = new RetryFilter(settings.Ids, null, null, null);
            what = Show.Count(settings.Ids.Length, "command");
        }
        else
        {
            var state = settings.State ?? "Failed";
            request = new RetryFilter(null, settings.Reason, settings.Connection, state);
            what = $"every {state} command" + (settings.Reason is null ? "" : $" with reason '{settings.Reason}'")
                + (settings.Connection is null ? "" : $" of connection '{settings.Connection}'");
            if (await ConfirmAsync($"Retry {what}?", settings.Yes, cancellationToken) is { } declined)
            {
                return declined;
            }
        }

        var response = await api.RetryCommandsAsync(request, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        var retried = response.Value.Retried;
        if (settings.Ids.Length > 1)
        {
            Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"retried {retried} of {Markup.Escape(what)}"));
            if (retried < settings.Ids.Length)
            {
                Console.MarkupLine("[yellow]The others were not found, or not Failed, Parked or Discarded.[/]");
            }
        }
        else
        {
            Console.MarkupLine($"retried {Markup.Escape(Show.Count(retried, "command"))} ({Markup.Escape(what)})");
        }

        return ExitCodes.Success;
    }
}
