using System.Globalization;
using IssueSync.JiraSimulator.Seed;
using IssueSync.JiraSimulator.State;

namespace IssueSync.JiraSimulator.Api;

/// <summary>A field on a create screen, with its createmeta representation.</summary>
internal sealed record FieldDefinition(
    string Id,
    string Name,
    FieldKind Kind,
    bool Required,
    bool HasDefaultValue,
    string[] Operations,
    Dictionary<string, object> Schema,
    SeedCustomField? Custom)
{
    private const string CustomPrefix = "com.atlassian.jira.plugin.system.customfieldtypes:";

    /// <summary>Whether the value is an array (labels, components, multi-selects): <c>add</c>/<c>remove</c> apply to its items.</summary>
    public bool IsArray => Schema.TryGetValue("type", out var type) && type is "array";

    /// <summary>The create screen of an issue type as one user sees it, resolved against the site.</summary>
    public static IReadOnlyList<FieldDefinition> ScreenOf(SiteModel site, SeedIssueType type, ProjectAccess access) =>
        [.. type.Fields.Where(f => !access.HiddenFields.Contains(f.Id)).Select(f => Resolve(site, f))];

    private static FieldDefinition Resolve(SiteModel site, SeedScreenField field)
    {
        string[] set = ["set"];
        string[] addSetRemove = ["add", "set", "remove"];
        return field.Id switch
        {
            "summary" => System(field, "Summary", FieldKind.Summary, "string", set),
            "description" => System(field, "Description", FieldKind.Adf, "string", set),
            "environment" => System(field, "Environment", FieldKind.Adf, "string", set),
            "priority" => System(field, "Priority", FieldKind.Priority, "priority", set) with { HasDefaultValue = site.DefaultPriority is not null },
            "components" => System(field, "Components", FieldKind.Components, "array", addSetRemove, items: "component"),
            "labels" => System(field, "Labels", FieldKind.Labels, "array", addSetRemove, items: "string"),
            "duedate" => System(field, "Due date", FieldKind.Date, "date", set),
            "assignee" => System(field, "Assignee", FieldKind.User, "user", set),
            "reporter" => System(field, "Reporter", FieldKind.User, "user", set),
            _ => CustomField(field, site.CustomFields[field.Id]),
        };
    }

    private static FieldDefinition System(SeedScreenField field, string name, FieldKind kind, string type, string[] operations, string? items = null)
    {
        var schema = new Dictionary<string, object> { ["type"] = type };
        if (items is not null)
        {
            schema["items"] = items;
        }

        schema["system"] = field.Id;
        return new FieldDefinition(field.Id, name, kind, field.Required, false, operations, schema, null);
    }

    private static FieldDefinition CustomField(SeedScreenField field, SeedCustomField custom)
    {
        var (kind, type, items, plugin) = custom.Type switch
        {
            "select" => (FieldKind.Select, "option", null, "select"),
            "multiselect" => (FieldKind.MultiSelect, "array", "option", "multiselect"),
            "textfield" => (FieldKind.TextField, "string", null, "textfield"),
            "textarea" => (FieldKind.Adf, "string", null, "textarea"),
            "number" => (FieldKind.Number, "number", null, "float"),
            _ => (FieldKind.Date, "date", (string?)null, "datepicker"),
        };
        var schema = new Dictionary<string, object> { ["type"] = type };
        if (items is not null)
        {
            schema["items"] = items;
        }

        schema["custom"] = CustomPrefix + plugin;
        schema["customId"] = long.Parse(custom.Id["customfield_".Length..], CultureInfo.InvariantCulture);
        string[] operations = kind == FieldKind.MultiSelect ? ["add", "set", "remove"] : ["set"];
        return new FieldDefinition(custom.Id, custom.Name, kind, field.Required, false, operations, schema, custom);
    }
}
