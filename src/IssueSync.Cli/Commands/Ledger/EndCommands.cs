using System.ComponentModel;
using IssueSync.Admin.Contracts;
using IssueSync.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.Ledger;

/// <summary>Options of <c>discard</c> and <c>fail</c>: the command and why it ends.</summary>
public sealed class EndSettings : CommandIdSettings
{
    [CommandOption("--reason <TEXT>")]
    [Description("Why (required): it is recorded and sent to the producer with IssueCreationFailed.")]
    public string? Reason { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Reason) ? ValidationResult.Error("--reason is required: say why the command ends.") : ValidationResult.Success();
}

/// <summary>An operator ends a command with a reason; the two verbs differ in the reason code the producer sees.</summary>
public abstract class EndCommand(CliServices services) : ApiCommand<EndSettings>(services)
{
    /// <summary>The past tense shown after it worked.</summary>
    protected abstract string Done { get; }

    /// <summary>The admin API call.</summary>
    protected abstract Task<ApiResponse<CommandSummary>> EndAsync(AdminApiClient api, string id, string reason, CancellationToken cancellationToken);

    protected override async Task<int> ExecuteAsync(AdminApiClient api, EndSettings settings, CancellationToken cancellationToken)
    {
        var response = await EndAsync(api, settings.Id, settings.Reason!, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        Console.MarkupLine($"command/{Markup.Escape(Show.ShortId(response.Value.Id))} {Done} ({Markup.Escape(settings.Reason!)})");
        WriteHint("Undo:", $"issuesync retry {response.Value.Id}");
        return ExitCodes.Success;
    }
}

/// <summary><c>issuesync discard ID --reason "…"</c>: the producer gets IssueCreationFailed with reason 'discarded'.</summary>
public sealed class DiscardCommand(CliServices services) : EndCommand(services)
{
    protected override string Done => "discarded";

    protected override Task<ApiResponse<CommandSummary>> EndAsync(AdminApiClient api, string id, string reason, CancellationToken cancellationToken) =>
        api.DiscardCommandAsync(id, reason, cancellationToken);
}

/// <summary>
/// <c>issuesync fail ID --reason "…"</c>: an operator ends a command (an uncertain one, typically) as failed; the
/// producer gets IssueCreationFailed with reason 'failed-by-operator'.
/// </summary>
public sealed class FailCommand(CliServices services) : EndCommand(services)
{
    protected override string Done => "failed";

    protected override Task<ApiResponse<CommandSummary>> EndAsync(AdminApiClient api, string id, string reason, CancellationToken cancellationToken) =>
        api.FailCommandAsync(id, reason, cancellationToken);
}
