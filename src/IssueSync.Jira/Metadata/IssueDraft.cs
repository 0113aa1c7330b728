using System.Globalization;
using System.Text.Json.Nodes;

namespace IssueSync.Jira.Metadata;

/// <summary>An issue as the caller wants it, before it is checked against the project's create metadata.</summary>
public sealed record IssueDraft
{
    /// <summary>The project key (or numeric id).</summary>
    public required string ProjectKey { get; init; }

    /// <summary>The issue type name (case-insensitive) or id, resolved within the project.</summary>
    public required string IssueType { get; init; }

    /// <summary>One line, at most 255 characters.</summary>
    public required string Summary { get; init; }

    /// <summary>The description as an ADF document, e.g. from <see cref="Adf.MarkdownToAdfConverter"/>.</summary>
    public JsonObject? Description { get; init; }

    /// <summary>The priority name (case-insensitive) or id.</summary>
    public string? Priority { get; init; }

    /// <summary>Component names (case-insensitive) or ids. Company-managed projects only.</summary>
    public IReadOnlyList<string> Components { get; init; } = [];

    /// <summary>Labels; none may contain whitespace.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Labels added by IssueSync itself, such as <see cref="DedupeLabel.For"/>.</summary>
    public IReadOnlyList<string> ExtraLabels { get; init; } = [];

    /// <summary>The assignee's Atlassian account id.</summary>
    public string? AssigneeAccountId { get; init; }

    /// <summary>The due date as <c>yyyy-MM-dd</c>.</summary>
    public string? DueDate { get; init; }

    /// <summary>The parent issue key or id (subtasks, children of epics).</summary>
    public string? Parent { get; init; }

    /// <summary>Other fields by id (e.g. <c>customfield_10050</c>): a string, number, name/id, array or ADF, mapped by the field's schema.</summary>
    public IReadOnlyDictionary<string, JsonNode?> CustomFields { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>Issue properties to set at creation (key → JSON value).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Properties { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>Formats a date the way Jira expects it.</summary>
    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
