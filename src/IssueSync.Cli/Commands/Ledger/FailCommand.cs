using System.ComponentModel;
using IssueSync.Admin.Contracts;
using IssueSync.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.Ledger;

/// <summary>Options of <c>fail</c>.</summary>
public sealed class FailSettings : CommandIdSettings
{
    [CommandOption("--reason <TEXT>")]
    [Description("Why (required): it is recorded and sent to the producer with IssueCreationFailed (reason 'failed-by-operator').")]
    public string? Reason { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Reason) ? ValidationResult.Error("--reason is required: say why the command is failed.") : ValidationResult.Success();
}

/// <summary><c>issuesync fail ID --reason "…"</c>: an operator ends a command (an uncertain one, typically) as failed.</summary>
public sealed class FailCommand(CliServices services) : ApiCommand<FailSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, FailSettings settings, CancellationToken cancellationToken)
    {
        var response = await api.FailCommandAsync(settings.Id, settings.Reason!, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        Console.MarkupLine($"command/{Markup.Escape(Show.ShortId(response.Value.Id))} failed ({Markup.Escape(settings.Reason!)})");
        WriteHint("Undo:", $"issuesync retry {response.Value.Id}");
        return ExitCodes.Success;
    }
}
