using System.Globalization;

namespace IssueSync.Contracts;

/// <summary>
/// The rules of a <see cref="CreateIssue"/> that need no Jira project to check: required fields, lengths, a
/// one-line summary, labels without whitespace, the due-date format. The producer library, the CLI and the worker
/// all apply these same rules; what depends on the project (required custom fields, allowed values, issue types)
/// is checked by the worker against Jira's create metadata.
/// </summary>
public static class CreateIssueRules
{
    /// <summary>The longest idempotency key accepted.</summary>
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>Jira's limit on the summary.</summary>
    public const int MaxSummaryLength = 255;

    /// <summary>Returns one problem per mistake, named by field (Jira's field id where there is one); empty when valid.</summary>
    public static IReadOnlyList<FieldError> Check(CreateIssue command)
    {
        ArgumentNullException.ThrowIfNull(command);

        var errors = new List<FieldError>();
        Required(errors, "idempotencyKey", command.IdempotencyKey, "your unique key for this issue");
        if (command.IdempotencyKey is { Length: > MaxIdempotencyKeyLength })
        {
            errors.Add(new FieldError("idempotencyKey", $"The idempotency key is {command.IdempotencyKey.Length} characters; at most {MaxIdempotencyKeyLength} are allowed."));
        }

        Required(errors, "connectionId", command.ConnectionId, "the connection to act as");
        Required(errors, "project", command.ProjectKey, "the project key, e.g. OPS");
        Required(errors, "issuetype", command.IssueType, "the issue type name or id, e.g. Bug");

        if (string.IsNullOrWhiteSpace(command.Summary))
        {
            errors.Add(new FieldError("summary", "Summary is required."));
        }
        else if (command.Summary.Length > MaxSummaryLength)
        {
            errors.Add(new FieldError("summary", $"Summary is {command.Summary.Length} characters; Jira allows at most {MaxSummaryLength}."));
        }
        else if (command.Summary.IndexOfAny(['\r', '\n']) >= 0)
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
                errors.Add(new FieldError("labels", $"The label '{label}' is empty or contains whitespace, which Jira rejects."));
            }
            else if (label.Length > 255)
            {
                errors.Add(new FieldError("labels", $"The label '{label[..20]}…' is longer than 255 characters."));
            }
        }

        if (command.DueDate is { } due && !DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(new FieldError("duedate", $"The due date '{due}' is not a date in the form yyyy-MM-dd."));
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
