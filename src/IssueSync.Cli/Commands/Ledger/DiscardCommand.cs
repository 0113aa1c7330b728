using System.ComponentModel;
using IssueSync.Admin.Contracts;
using IssueSync.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.Ledger;

/// <summary>Options of <c>discard</c>.</summary>
public sealed class DiscardSettings : CommandIdSettings
{
    [CommandOption("--reason <TEXT>")]
    [Description("Why (required): it is recorded and sent to the producer with IssueCreationFailed (reason 'discarded').")]
    public string? Reason { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Reason) ? ValidationResult.Error("--reason is required: say why the command is discarded.") : ValidationResult.Success();
}

/// <summary><c>issuesync discard ID --reason "…"</c>.</summary>
public sealed class DiscardCommand(CliServices services) : ApiCommand<DiscardSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, DiscardSettings settings, CancellationToken cancellationToken)
    {
        var response = await api.DiscardCommandAsync(settings.Id, settings.Reason!, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        Console.MarkupLine($"command/{Markup.Escape(Show.ShortId(response.Value.Id))} discarded ({Markup.Escape(settings.Reason!)})");
        WriteHint("Undo:", $"issuesync retry {response.Value.Id}");
        return ExitCodes.Success;
    }
}
