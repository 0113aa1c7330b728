using System.ComponentModel;
using IssueSync.Admin.Contracts;
using IssueSync.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.Ledger;

/// <summary>Options of <c>commands edit</c>: only the fields given are changed.</summary>
public sealed class CommandsEditSettings : IssueFieldSettings
{
    /// <summary>The command id, a unique prefix of it, or its idempotency key.</summary>
    [CommandArgument(0, "<id>")]
    [Description("The command id, a unique prefix of it (at least 4 hex digits, as lists show) or its idempotency key.")]
    public string Id { get; init; } = "";

    [CommandOption("--issue-type <TYPE>")]
    [Description("New issue type, by name or id.")]
    public string? IssueType { get; init; }

    public override ValidationResult Validate()
    {
        if (IssueType is null && !FieldFlags().Any(f => f.Given))
        {
            var names = FieldFlags().Select(f => f.Name).Prepend("--issue-type");
            return ValidationResult.Error($"Nothing to change: give at least one of {string.Join(", ", names)}.");
        }

        return ValidateFields();
    }
}

/// <summary><c>issuesync commands edit ID [--summary …]</c>: edit-then-retry of a failed command.</summary>
public sealed class CommandsEditCommand(CliServices services) : ApiCommand<CommandsEditSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, CommandsEditSettings settings, CancellationToken cancellationToken)
    {
        var values = await settings.ReadValuesAsync(cancellationToken);
        if (values.Error is { } error)
        {
            return Error(values.ExitCode!.Value, error);
        }

        var edit = new CommandEdit
        {
            Summary = settings.Summary,
            IssueType = settings.IssueType,
            ProjectKey = settings.Project,
            Priority = settings.Priority,
            Components = values.Components,
            Labels = values.Labels,
            AssigneeAccountId = settings.Assignee,
            DueDate = settings.Due,
            CustomFields = values.CustomFields,
            DescriptionMarkdown = values.DescriptionMarkdown,
            Site = settings.Site,
        };

        var response = await api.EditCommandAsync(settings.Id, edit, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        var summary = response.Value;
        Console.MarkupLine($"command/{Markup.Escape(Show.ShortId(summary.Id))} edited and retried (state {Show.State(summary.State)})");
        WriteHint("Follow it:", $"issuesync commands show {summary.Id}");
        return ExitCodes.Success;
    }
}
