using System.ComponentModel;
using IssueSync.Admin.Contracts;
using IssueSync.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.Ledger;

/// <summary>Options of <c>commands edit</c>: only the fields given are changed.</summary>
public sealed class CommandsEditSettings : CommandIdSettings
{
    [CommandOption("--summary <TEXT>")]
    [Description("New summary (one line, at most 255 characters).")]
    public string? Summary { get; init; }

    [CommandOption("--issue-type <TYPE>")]
    [Description("New issue type, by name or id.")]
    public string? IssueType { get; init; }

    [CommandOption("--project <KEY>")]
    [Description("New project key.")]
    public string? Project { get; init; }

    [CommandOption("--priority <NAME>")]
    [Description("New priority, by name or id.")]
    public string? Priority { get; init; }

    [CommandOption("--component <NAME>")]
    [Description("Component (repeatable); replaces the command's components.")]
    public string[]? Components { get; init; }

    [CommandOption("--label <LABEL>")]
    [Description("Label (repeatable); replaces the command's labels.")]
    public string[]? Labels { get; init; }

    [CommandOption("--assignee <ACCOUNT_ID>")]
    [Description("Atlassian account id of the assignee.")]
    public string? Assignee { get; init; }

    [CommandOption("--due <DATE>")]
    [Description("Due date, yyyy-MM-dd.")]
    public string? Due { get; init; }

    [CommandOption("--field <FIELD=VALUE>")]
    [Description("Custom field (repeatable): customfield_10050=Sev2; a JSON value (3, [\"a\"], {\"id\":\"1\"}) is sent as JSON.")]
    public string[]? Fields { get; init; }

    [CommandOption("--description-file <FILE>")]
    [Description("New description: a Markdown file.")]
    public string? DescriptionFile { get; init; }

    [CommandOption("--site <SITE>")]
    [Description("New site: a cloud id or a site URL.")]
    public string? Site { get; init; }

    public override ValidationResult Validate()
    {
        if (Summary is null && IssueType is null && Project is null && Priority is null && Components is not { Length: > 0 } && Labels is not { Length: > 0 }
            && Assignee is null && Due is null && Fields is not { Length: > 0 } && DescriptionFile is null && Site is null)
        {
            return ValidationResult.Error("Nothing to change: give at least one of --summary, --issue-type, --project, --priority, --component, --label, --assignee, --due, --field, --description-file, --site.");
        }

        return FieldOptions.TryParseCustomFields(Fields, out _, out var error) ? ValidationResult.Success() : ValidationResult.Error(error!);
    }
}

/// <summary><c>issuesync commands edit ID [--summary …]</c>: edit-then-retry of a failed command.</summary>
public sealed class CommandsEditCommand(CliServices services) : ApiCommand<CommandsEditSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, CommandsEditSettings settings, CancellationToken cancellationToken)
    {
        string? description = null;
        if (settings.DescriptionFile is { } file)
        {
            try
            {
                description = await File.ReadAllTextAsync(file, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Error(ExitCodes.InvalidInput, $"cannot read '{file}': {ex.Message}");
            }
        }

        if (!FieldOptions.TryParseCustomFields(settings.Fields, out var customFields, out var fieldError))
        {
            return Error(ExitCodes.Usage, fieldError!);
        }

        var edit = new CommandEdit
        {
            Summary = settings.Summary,
            IssueType = settings.IssueType,
            ProjectKey = settings.Project,
            Priority = settings.Priority,
            Components = FieldOptions.List(settings.Components),
            Labels = FieldOptions.List(settings.Labels),
            AssigneeAccountId = settings.Assignee,
            DueDate = settings.Due,
            CustomFields = customFields,
            DescriptionMarkdown = description,
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
