using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands;

/// <summary>
/// The flags that set an issue's fields, shared by <c>publish</c> (which builds a command from them) and
/// <c>commands edit</c> (which changes only the fields given).
/// </summary>
public abstract class IssueFieldSettings : ApiSettings
{
    [CommandOption("--project <KEY>")]
    [Description("Project key.")]
    public string? Project { get; init; }

    [CommandOption("--summary <TEXT>")]
    [Description("Summary, one line (at most 255 characters).")]
    public string? Summary { get; init; }

    [CommandOption("--description-file <FILE>")]
    [Description("Description: a Markdown file.")]
    public string? DescriptionFile { get; init; }

    [CommandOption("--priority <NAME>")]
    [Description("Priority by name or id.")]
    public string? Priority { get; init; }

    [CommandOption("--component <NAME>")]
    [Description("Component (repeatable); given, it replaces all components.")]
    public string[]? Components { get; init; }

    [CommandOption("--label <LABEL>")]
    [Description("Label (repeatable); given, it replaces all labels.")]
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

    [CommandOption("--site <SITE>")]
    [Description("Site: a cloud id or a site URL (default: the connection's chosen site).")]
    public string? Site { get; init; }

    /// <summary>Each field flag with whether it was given, in the order of the help text.</summary>
    protected IEnumerable<(string Name, bool Given)> FieldFlags() =>
    [
        ("--project", Project is not null), ("--summary", Summary is not null), ("--description-file", DescriptionFile is not null),
        ("--priority", Priority is not null), ("--component", Components is { Length: > 0 }), ("--label", Labels is { Length: > 0 }),
        ("--assignee", Assignee is not null), ("--due", Due is not null), ("--field", Fields is { Length: > 0 }), ("--site", Site is not null),
    ];

    /// <summary>The custom-field flags are well formed.</summary>
    protected ValidationResult ValidateFields() =>
        FieldOptions.TryParseCustomFields(Fields, out _, out var error) ? ValidationResult.Success() : ValidationResult.Error(error!);

    /// <summary>Reads the description file and parses the custom fields: the values, or the exit code and message to stop with.</summary>
    public async Task<IssueFieldValues> ReadValuesAsync(CancellationToken cancellationToken)
    {
        string? description = null;
        if (DescriptionFile is { } file)
        {
            try
            {
                description = await File.ReadAllTextAsync(file, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return IssueFieldValues.Refused(ExitCodes.InvalidInput, $"cannot read '{file}': {ex.Message}");
            }
        }

        return FieldOptions.TryParseCustomFields(Fields, out var customFields, out var fieldError)
            ? new IssueFieldValues(description, customFields, FieldOptions.List(Components), FieldOptions.List(Labels), null, null)
            : IssueFieldValues.Refused(ExitCodes.Usage, fieldError!);
    }
}

/// <summary>What the field flags read to, or why they could not be read (<see cref="Error"/> set).</summary>
public sealed record IssueFieldValues(
    string? DescriptionMarkdown,
    IReadOnlyDictionary<string, JsonElement>? CustomFields,
    IReadOnlyList<string>? Components,
    IReadOnlyList<string>? Labels,
    int? ExitCode,
    string? Error)
{
    internal static IssueFieldValues Refused(int exitCode, string error) => new(null, null, null, null, exitCode, error);
}
