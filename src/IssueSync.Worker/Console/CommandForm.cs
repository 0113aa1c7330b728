using System.Text.Json;
using IssueSync.Admin.Contracts;
using IssueSync.Contracts;

namespace IssueSync.Worker.Console;

/// <summary>
/// The command page's edit-then-retry form, one input per field. Only the fields the operator changed become the
/// <see cref="CommandEdit"/> the edit slice receives; a custom field is JSON (or plain text for a string), empty removes it.
/// </summary>
public sealed class CommandForm
{
    public string? Site { get; set; }

    public string? ProjectKey { get; set; }

    public string? IssueType { get; set; }

    public string? Summary { get; set; }

    public string? DescriptionMarkdown { get; set; }

    public string? Priority { get; set; }

    public string? Components { get; set; }

    public string? Labels { get; set; }

    public string? AssigneeAccountId { get; set; }

    public string? DueDate { get; set; }

    public Dictionary<string, string?> CustomFields { get; set; } = new(StringComparer.Ordinal);

    public string? NewFieldId { get; set; }

    public string? NewFieldValue { get; set; }

    public static CommandForm From(CreateIssue command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new CommandForm
        {
            Site = command.Site,
            ProjectKey = command.ProjectKey,
            IssueType = command.IssueType,
            Summary = command.Summary,
            DescriptionMarkdown = command.DescriptionMarkdown,
            Priority = command.Priority,
            Components = List(command.Components),
            Labels = List(command.Labels),
            AssigneeAccountId = command.AssigneeAccountId,
            DueDate = command.DueDate,
            CustomFields = (command.CustomFields ?? new Dictionary<string, JsonElement>()).ToDictionary(f => f.Key, f => (string?)Text(f.Value), StringComparer.Ordinal),
        };
    }

    /// <summary>The edit: what differs from <paramref name="original"/>.</summary>
    public CommandEdit ToEdit(CreateIssue original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var custom = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (id, text) in CustomFields)
        {
            var before = original.CustomFields is { } fields && fields.TryGetValue(id, out var value) ? Text(value) : null;
            if (!string.Equals(Clean(text), before, StringComparison.Ordinal))
            {
                custom[id] = Json(Clean(text));
            }
        }

        if (Clean(NewFieldId) is { } newId && Clean(NewFieldValue) is { } newValue)
        {
            custom[newId] = Json(newValue);
        }

        return new CommandEdit
        {
            Site = Changed(Site, original.Site),
            ProjectKey = Changed(ProjectKey, original.ProjectKey),
            IssueType = Changed(IssueType, original.IssueType),
            Summary = Changed(Summary, original.Summary),
            DescriptionMarkdown = original.DescriptionAdf is null ? Changed(DescriptionMarkdown, original.DescriptionMarkdown) : null,
            Priority = Changed(Priority, original.Priority),
            Components = Changed(Components, List(original.Components)) is not null ? Split(Components) : null,
            Labels = Changed(Labels, List(original.Labels)) is not null ? Split(Labels) : null,
            AssigneeAccountId = Changed(AssigneeAccountId, original.AssigneeAccountId),
            DueDate = Changed(DueDate, original.DueDate),
            CustomFields = custom.Count > 0 ? custom : null,
        };
    }

    /// <summary>
    /// The form input an error of the admin API or of Jira belongs to (Jira names fields by id, the API by property):
    /// summary, projectKey, issueType, site, description, priority, components, labels, assigneeAccountId, dueDate or a customfield id.
    /// </summary>
    public static string InputFor(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var name = field.Trim();
        var key = name.ToLowerInvariant();
        return key switch
        {
            "project" or "projectkey" or "pid" => nameof(ProjectKey),
            "issuetype" or "issuetypeid" => nameof(IssueType),
            "assignee" or "assigneeaccountid" => nameof(AssigneeAccountId),
            "duedate" => nameof(DueDate),
            "summary" => nameof(Summary),
            "priority" => nameof(Priority),
            "labels" => nameof(Labels),
            "components" => nameof(Components),
            "site" => nameof(Site),
            _ when key.StartsWith("description", StringComparison.Ordinal) => nameof(DescriptionMarkdown),
            _ when key.StartsWith("customfields.", StringComparison.Ordinal) => name["customFields.".Length..],
            _ => name,
        };
    }

    // An emptied input is no change: the edit slice replaces values, it does not remove them (custom fields excepted).
    private static string? Changed(string? now, string? before)
    {
        var cleaned = Clean(now);
        return string.Equals(cleaned, Clean(before), StringComparison.Ordinal) ? null : cleaned;
    }

    // Browsers send a textarea's line ends as CRLF: compared and stored as LF, like the command as received.
    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static string? List(IReadOnlyList<string>? items) => items is { Count: > 0 } ? string.Join(", ", items) : null;

    private static List<string> Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    // JSON when it reads as JSON (an object, a number, a quoted string), else the text as a string; nothing is JSON null (removes the field).
    private static JsonElement Json(string? text)
    {
        if (text is null)
        {
            return JsonSerializer.SerializeToElement<object?>(null);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
