using IssueSync.Contracts;

namespace IssueSync.Producer;

/// <summary>The mistakes a producer can see without knowing the Jira project: they are caught before sending.</summary>
public static class CreateIssueChecks
{
    /// <summary>Returns one readable problem per mistake; empty when the command may be sent.</summary>
    public static IReadOnlyList<string> Find(CreateIssue command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problems = new List<string>();
        Require(problems, nameof(command.IdempotencyKey), command.IdempotencyKey);
        if (command.IdempotencyKey is { Length: > 200 })
        {
            problems.Add("IdempotencyKey is longer than 200 characters.");
        }

        Require(problems, nameof(command.ConnectionId), command.ConnectionId);
        Require(problems, nameof(command.ProjectKey), command.ProjectKey);
        Require(problems, nameof(command.IssueType), command.IssueType);
        Require(problems, nameof(command.Summary), command.Summary);
        if (command.Summary is { Length: > 255 })
        {
            problems.Add($"Summary is {command.Summary.Length} characters; Jira allows at most 255.");
        }

        if (command.Summary?.IndexOfAny(['\r', '\n']) >= 0)
        {
            problems.Add("Summary must be a single line.");
        }

        if (command.DescriptionMarkdown is not null && command.DescriptionAdf is not null)
        {
            problems.Add("Give DescriptionMarkdown or DescriptionAdf, not both.");
        }

        foreach (var label in command.Labels ?? [])
        {
            if (string.IsNullOrEmpty(label) || label.Any(char.IsWhiteSpace))
            {
                problems.Add($"Label '{label}' is empty or contains whitespace, which Jira rejects.");
            }
        }

        if (command.DueDate is { } due && !DateOnly.TryParseExact(due, "yyyy-MM-dd", out _))
        {
            problems.Add($"DueDate '{due}' is not a date in the form yyyy-MM-dd.");
        }

        return problems;
    }

    private static void Require(List<string> problems, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name} is required.");
        }
    }
}
