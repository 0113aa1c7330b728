using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssueSync.Jira.Adf;

namespace IssueSync.Jira.Metadata;

/// <summary>
/// Checks an <see cref="IssueDraft"/> against a project's create metadata and maps it to Jira's JSON shapes.
/// Every problem is collected (not just the first), each naming its field.
/// </summary>
public static class IssueCreateRequestBuilder
{
    /// <summary>Jira's summary limit.</summary>
    public const int MaxSummaryLength = 255;

    private const string CustomTypes = "com.atlassian.jira.plugin.system.customfieldtypes:";
    private static readonly string[] ValueKeys = ["id", "value", "name", "accountId", "key"];
    private static readonly HashSet<string> Implicit = new(StringComparer.Ordinal) { "project", "issuetype", "summary", "reporter" };

    /// <summary>Builds the create body, or lists what is wrong.</summary>
    public static IssueCreateBuildResult Build(IssueDraft draft, CreateMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(metadata);
        var problems = new List<FieldProblem>();
        var resolution = IssueTypeResolution.Resolve(metadata.IssueTypes, draft.IssueType, draft.ProjectKey);
        var summary = CheckSummary(draft.Summary, problems);
        if (!resolution.IsResolved)
        {
            problems.Add(new("issuetype", resolution.Problem));
            return new(null, problems, null);
        }

        var issueType = resolution.IssueType;
        var screenFields = metadata.FieldsFor(issueType.Id);
        if (screenFields is null)
        {
            problems.Add(new("issuetype", $"The create fields of issue type '{issueType.Name}' (id {issueType.Id}) in project {draft.ProjectKey} were not loaded."));
            return new(null, problems, issueType);
        }

        var context = new Context(draft.ProjectKey, issueType.Name, screenFields, problems);
        var fields = new JsonObject
        {
            ["project"] = Reference(draft.ProjectKey, "key"),
            ["issuetype"] = new JsonObject { ["id"] = issueType.Id },
            ["summary"] = summary,
        };

        if (draft.Description is not null && context.OnScreen("description") is { } descriptionField)
        {
            fields["description"] = Adf(descriptionField, draft.Description, context);
        }

        if (draft.Priority is not null && context.OnScreen("priority") is { } priorityField)
        {
            fields["priority"] = Allowed(priorityField, draft.Priority, context);
        }

        if (draft.Components.Count > 0 && context.OnScreen("components") is { } componentsField)
        {
            fields["components"] = new JsonArray([.. draft.Components.Select(c => Allowed(componentsField, c, context))]);
        }

        var labels = draft.Labels.Concat(draft.ExtraLabels).Distinct(StringComparer.Ordinal).ToList();
        if (labels.Count > 0 && context.OnScreen("labels") is { } labelsField)
        {
            fields["labels"] = Labels(labelsField, labels, context);
        }

        if (draft.AssigneeAccountId is not null && context.OnScreen("assignee") is { } assigneeField)
        {
            fields["assignee"] = User(assigneeField, draft.AssigneeAccountId, context);
        }

        if (draft.DueDate is not null && context.OnScreen("duedate") is { } dueDateField)
        {
            fields["duedate"] = Date(dueDateField, draft.DueDate, context);
        }

        if (draft.Parent is not null && context.OnScreen("parent") is { } parentField)
        {
            fields["parent"] = string.IsNullOrWhiteSpace(draft.Parent)
                ? context.Problem(parentField, "is empty; give the parent issue's key or id")
                : Reference(draft.Parent.Trim(), "key");
        }

        foreach (var (fieldId, value) in draft.CustomFields)
        {
            if (Implicit.Contains(fieldId) || fields.ContainsKey(fieldId))
            {
                problems.Add(new(fieldId, $"Field '{fieldId}' is set through its own draft property, not as a custom field."));
            }
            else if (context.OnScreen(fieldId) is { } field)
            {
                fields[field.FieldId] = MapValue(field, value, context);
            }
        }

        foreach (var field in screenFields.Where(f => f.Required && !f.HasDefaultValue && !Implicit.Contains(f.FieldId) && !fields.ContainsKey(f.FieldId)))
        {
            problems.Add(new(field.FieldId, $"{Display(field)} is required in project {draft.ProjectKey} for type {issueType.Name} but was not supplied."));
        }

        var body = new JsonObject { ["fields"] = fields };
        if (draft.Properties.Count > 0)
        {
            body["properties"] = Properties(draft.Properties, problems);
        }

        return problems.Count == 0 ? new(body, [], issueType) : new(null, problems, issueType);
    }

    private static string CheckSummary(string? summary, List<FieldProblem> problems)
    {
        var text = summary?.Trim() ?? "";
        if (text.Length == 0)
        {
            problems.Add(new("summary", "Summary is required."));
        }
        else if (text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal))
        {
            problems.Add(new("summary", "Summary must be a single line; it contains a line break."));
        }
        else if (text.Length > MaxSummaryLength)
        {
            problems.Add(new("summary", $"Summary is {text.Length} characters; Jira allows at most {MaxSummaryLength}."));
        }

        return text;
    }

    private static JsonNode? MapValue(CreateMetaField field, JsonNode? value, Context context)
    {
        if (value is null)
        {
            return context.Problem(field, "has no value");
        }

        var schema = field.Schema;
        var custom = schema.Custom ?? "";
        var isArray = schema.Type == "array";
        var itemType = isArray ? schema.Items : schema.Type;

        if (custom.EndsWith(":labels", StringComparison.Ordinal) || (isArray && itemType == "string" && field.FieldId == "labels"))
        {
            return Labels(field, Strings(value), context);
        }

        if (itemType is "option" or "priority" or "component" or "version" or "resolution" or "issuelink" || (field.HasAllowedValues && itemType != "user"))
        {
            if (custom.EndsWith(":cascadingselect", StringComparison.Ordinal) || itemType == "option-with-child")
            {
                return value.DeepClone();
            }

            return isArray
                ? new JsonArray([.. Strings(value).Select(v => Allowed(field, v, context))])
                : Single(field, value, context) is { } one ? Allowed(field, one, context) : null;
        }

        switch (itemType)
        {
            case "user":
                return isArray
                    ? new JsonArray([.. Strings(value).Select(v => User(field, v, context))])
                    : Single(field, value, context) is { } account ? User(field, account, context) : null;
            case "number":
                return Number(field, value, context);
            case "date":
                return Single(field, value, context) is { } date ? Date(field, date, context) : null;
            case "datetime":
                return Single(field, value, context) is { } dateTime ? DateTime(field, dateTime, context) : null;
            case "string" when !isArray && (custom.EndsWith(":textarea", StringComparison.Ordinal) || schema.System is "description" or "environment"):
                return value is JsonObject adf
                    ? Adf(field, adf, context)
                    : Single(field, value, context) is { } plain ? Adf(field, AdfDocument.FromPlainText(plain).ToJson(), context) : null;
            case "string" when !isArray:
                if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
                {
                    return context.Problem(field, "takes a single line of text");
                }

                var s = text.GetValue<string>();
                return custom.EndsWith(":textfield", StringComparison.Ordinal) && s.Length > 255
                    ? context.Problem(field, $"is {s.Length} characters; a single-line text field allows at most 255")
                    : JsonValue.Create(s);
            case "string":
                return new JsonArray([.. Strings(value).Select(v => (JsonNode?)JsonValue.Create(v))]);
            default:
                return value.DeepClone();
        }
    }

    private static JsonNode? Allowed(CreateMetaField field, string wanted, Context context)
    {
        var text = wanted.Trim();
        if (text.Length == 0)
        {
            return context.Problem(field, "was given an empty value");
        }

        if (!field.HasAllowedValues)
        {
            return IsDigits(text) ? new JsonObject { ["id"] = text } : new JsonObject { [field.Schema.Items == "option" || field.Schema.Type == "option" ? "value" : "name"] = text };
        }

        var byId = field.AllowedValues.FirstOrDefault(v => string.Equals(v.Id, text, StringComparison.Ordinal));
        if (byId is not null)
        {
            return new JsonObject { ["id"] = byId.Id };
        }

        var byLabel = field.AllowedValues.FirstOrDefault(v => string.Equals(v.Label, text, StringComparison.OrdinalIgnoreCase));
        if (byLabel is not null)
        {
            return byLabel.Name is not null ? new JsonObject { ["name"] = byLabel.Name } : new JsonObject { ["value"] = byLabel.Value };
        }

        var labels = field.AllowedValues.Select(v => v.Label).Where(l => !string.IsNullOrEmpty(l)).Take(30).ToList();
        var list = labels.Count == 0 ? "none are available" : "allowed: " + string.Join(", ", labels);
        return context.Problem(field, $"does not allow '{text}' in project {context.Project} for type {context.IssueType} ({list})");
    }

    private static JsonArray Labels(CreateMetaField field, IReadOnlyList<string> labels, Context context)
    {
        foreach (var label in labels)
        {
            if (label.Length == 0)
            {
                context.Problem(field, "contains an empty label");
            }
            else if (label.Any(char.IsWhiteSpace))
            {
                context.Problem(field, $"label '{label}' contains whitespace; Jira labels cannot contain spaces");
            }
            else if (label.Length > 255)
            {
                context.Problem(field, $"label '{label[..20]}…' is {label.Length} characters; Jira allows at most 255");
            }
        }

        return new JsonArray([.. labels.Select(l => (JsonNode?)JsonValue.Create(l))]);
    }

    private static JsonNode? User(CreateMetaField field, string accountId, Context context) =>
        string.IsNullOrWhiteSpace(accountId) || accountId.Any(char.IsWhiteSpace)
            ? context.Problem(field, $"needs an Atlassian account id, not '{accountId}'")
            : new JsonObject { ["accountId"] = accountId };

    private static JsonNode? Date(CreateMetaField field, string date, Context context) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? JsonValue.Create(date)
            : context.Problem(field, $"'{date}' is not a date in the form yyyy-MM-dd");

    private static JsonNode? DateTime(CreateMetaField field, string value, Context context)
    {
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return context.Problem(field, $"'{value}' is not an ISO 8601 date and time");
        }

        var offset = parsed.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        return JsonValue.Create(string.Create(CultureInfo.InvariantCulture, $"{parsed:yyyy-MM-dd'T'HH:mm:ss.fff}{sign}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00}"));
    }

    private static JsonNode? Number(CreateMetaField field, JsonNode value, Context context)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            return v.DeepClone();
        }

        if (value is JsonValue s && s.GetValueKind() == JsonValueKind.String
            && decimal.TryParse(s.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return context.Problem(field, $"takes a number, not {value.ToJsonString()}");
    }

    private static JsonNode? Adf(CreateMetaField field, JsonObject document, Context context)
    {
        var validation = AdfValidator.Validate(document);
        if (!validation.IsValid)
        {
            var shown = string.Join("; ", validation.Errors.Take(3));
            var more = validation.Errors.Count > 3 ? $" and {validation.Errors.Count - 3} more" : "";
            return context.Problem(field, $"is not a valid Atlassian document (ADF): {shown}{more}");
        }

        // Jira counts UTF-16 code units of the unescaped JSON (an emoji is 2, not the 12 of its escapes).
        var length = AdfLength.Measure(document);
        return length > AdfJson.MaxLength
            ? context.Problem(field, MarkdownToAdfConverter.TooLongMessage(length).Replace("Description is", "is", StringComparison.Ordinal).TrimEnd('.'))
            : document.DeepClone();
    }

    private static JsonArray Properties(IReadOnlyDictionary<string, JsonNode?> properties, List<FieldProblem> problems)
    {
        var array = new JsonArray();
        foreach (var (key, value) in properties)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > 255)
            {
                problems.Add(new("properties", $"Issue property key '{key}' must be 1 to 255 characters."));
                continue;
            }

            array.Add(new JsonObject { ["key"] = key, ["value"] = value?.DeepClone() });
        }

        return array;
    }

    private static string? Single(CreateMetaField field, JsonNode value, Context context)
    {
        var strings = Strings(value);
        if (value is JsonArray || strings.Count != 1)
        {
            context.Problem(field, "takes a single value");
            return null;
        }

        return strings[0];
    }

    // Accepts "x", 42, {"id"|"value"|"name"|"accountId": x} and arrays of those.
    private static List<string> Strings(JsonNode value) => value switch
    {
        JsonArray array => [.. array.Where(i => i is not null).SelectMany(i => Strings(i!))],
        JsonObject obj => [.. ValueKeys.Select(k => obj[k]).Where(n => n is JsonValue).Take(1).Select(n => ScalarText((JsonValue)n!))],
        JsonValue scalar => [ScalarText(scalar)],
        _ => [],
    };

    private static string ScalarText(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    private static JsonObject Reference(string keyOrId, string keyName) =>
        IsDigits(keyOrId) ? new JsonObject { ["id"] = keyOrId } : new JsonObject { [keyName] = keyOrId };

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    internal static string Display(CreateMetaField field) =>
        string.Equals(field.Name, field.FieldId, StringComparison.Ordinal) ? $"Field '{field.FieldId}'" : $"Field '{field.Name}' ({field.FieldId})";

    private sealed class Context(string project, string issueType, IReadOnlyList<CreateMetaField> fields, List<FieldProblem> problems)
    {
        public string Project => project;

        public string IssueType => issueType;

        public CreateMetaField? OnScreen(string fieldId)
        {
            var field = fields.FirstOrDefault(f => string.Equals(f.FieldId, fieldId, StringComparison.Ordinal))
                ?? fields.FirstOrDefault(f => string.Equals(f.Key, fieldId, StringComparison.Ordinal));
            if (field is null)
            {
                problems.Add(new(fieldId, $"Field '{fieldId}' cannot be set: it is not on the create screen of project {project} / type {issueType}."));
            }

            return field;
        }

        public JsonNode? Problem(CreateMetaField field, string message)
        {
            problems.Add(new(field.FieldId, $"{Display(field)} {message}."));
            return null;
        }
    }
}
