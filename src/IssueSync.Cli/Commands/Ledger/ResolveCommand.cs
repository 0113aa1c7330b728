using System.ComponentModel;
using IssueSync.Admin.Contracts;
using IssueSync.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.Ledger;

/// <summary>Options of <c>resolve</c>: exactly one of --issue and --post-again.</summary>
public sealed class ResolveSettings : CommandIdSettings
{
    [CommandOption("--issue <KEY>")]
    [Description("The key of the issue that exists in Jira for this command (it is checked there); the command becomes Created.")]
    public string? Issue { get; init; }

    [CommandOption("--post-again")]
    [Description("No issue exists for this command: post it again now.")]
    public bool PostAgain { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Issue) == !PostAgain
            ? ValidationResult.Error("Give either --issue KEY (the issue exists) or --post-again (it does not), not both.")
            : ValidationResult.Success();
}

/// <summary><c>issuesync resolve ID --issue KEY | --post-again</c>: an operator decides an uncertain command.</summary>
public sealed class ResolveCommand(CliServices services) : ApiCommand<ResolveSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, ResolveSettings settings, CancellationToken cancellationToken)
    {
        var response = await api.ResolveCommandAsync(settings.Id, new ResolveRequest(settings.Issue?.Trim(), settings.PostAgain), cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        var command = response.Value;
        Console.MarkupLine(settings.PostAgain
            ? $"command/{Markup.Escape(Show.ShortId(command.Id))} will be posted again (state {Show.State(command.State)})"
            : $"command/{Markup.Escape(Show.ShortId(command.Id))} resolved as {Show.Text(command.JiraIssueKey)} (state {Show.State(command.State)})");
        WriteHint("Follow it:", $"issuesync commands show {command.Id}");
        return ExitCodes.Success;
    }
}
