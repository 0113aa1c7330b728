using System.Globalization;
using IssueSync.Contracts;

namespace IssueSync.Worker.Pipeline;

/// <summary>
/// Checks a command needs no Jira call for: present and well-formed fields. What depends on the project
/// (required fields, allowed values, issue types) is checked later against create metadata.
/// </summary>
public static class CommandPrevalidator
{
    public const int MaxIdempotencyKeyLength = 200;

    public static IReadOnlyList<FieldError> Validate(CreateIssue command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new List<FieldError>();
        Required(errors, "connectionId", command.ConnectionId, "the connection to act as");
        Required(errors, "project", command.ProjectKey, "the project key, e.g. OPS");
        Required(errors, "issuetype", command.IssueType, "the issue type name or id, e.g. Bug");

        if (string.IsNullOrWhiteSpace(command.Summary))
        {
            errors.Add(new FieldError("summary", "Summary is required."));
        }
        else if (command.Summary.Length > 255)
        {
            errors.Add(new FieldError("summary", $"Summary is {command.Summary.Length} characters; Jira allows at most 255."));
        }
        else if (command.Summary.Contains('\n', StringComparison.Ordinal) || command.Summary.Contains('\r', StringComparison.Ordinal))
        {
            errors.Add(new FieldError("summary", "Summary must be a single line."));
        }

        if (command.DescriptionMarkdown is not null && command.DescriptionAdf is not null)
        {
            errors.Add(new FieldError("description", "Give the description as Markdown or as ADF, not both."));
        }

        foreach (var label in command.Labels ?? [])
        {
            if (string.IsNullOrEmpty(label) || label.Any(char.IsWhiteSpace))
            {
                errors.Add(new FieldError("labels", $"The label '{label}' contains spaces or is empty; Jira labels cannot contain whitespace."));
            }
            else if (label.Length > 255)
            {
                errors.Add(new FieldError("labels", $"The label '{label[..20]}…' is longer than 255 characters."));
            }
        }

        if (command.DueDate is { } due && !DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(new FieldError("duedate", $"Due date '{due}' is not a date in the form yyyy-MM-dd."));
        }

        return errors;
    }

    private static void Required(List<FieldError> errors, string field, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, $"{char.ToUpperInvariant(field[0])}{field[1..]} is required: {what}."));
        }
    }
}
