using System.Text.Json;
using IssueSync.Jira.Http;

namespace IssueSync.Jira.Metadata;

/// <summary>Reads createmeta pages into the typed model.</summary>
internal static class CreateMetaParser
{
    public static CreateMetaIssueType? IssueType(JsonElement item)
    {
        var id = JsonRead.String(item, "id");
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var scope = JsonRead.Property(item, "scope");
        return new CreateMetaIssueType
        {
            Id = id,
            Name = JsonRead.String(item, "name") ?? id,
            Description = JsonRead.String(item, "description"),
            Subtask = JsonRead.Bool(item, "subtask"),
            HierarchyLevel = JsonRead.Int(item, "hierarchyLevel"),
            ScopeType = scope is { } s ? JsonRead.String(s, "type") : null,
            ScopeProjectId = scope is { } p && JsonRead.Property(p, "project") is { } project ? JsonRead.String(project, "id") : null,
            EntityId = JsonRead.String(item, "entityId"),
        };
    }

    public static CreateMetaField? Field(JsonElement item)
    {
        var fieldId = JsonRead.String(item, "fieldId") ?? JsonRead.String(item, "key");
        if (string.IsNullOrEmpty(fieldId))
        {
            return null;
        }

        var schema = JsonRead.Property(item, "schema") is { } s
            ? new FieldSchema(
                JsonRead.String(s, "type") ?? "any",
                JsonRead.String(s, "items"),
                JsonRead.String(s, "system"),
                JsonRead.String(s, "custom"),
                JsonRead.Property(s, "customId") is { ValueKind: JsonValueKind.Number } c && c.TryGetInt64(out var customId) ? customId : null)
            : new FieldSchema("any");

        var allowed = new List<AllowedValue>();
        var allowedArray = JsonRead.Array(item, "allowedValues");
        if (allowedArray is { } array)
        {
            foreach (var value in array.EnumerateArray())
            {
                allowed.Add(value.ValueKind == JsonValueKind.Object
                    ? new AllowedValue(JsonRead.String(value, "id"), JsonRead.String(value, "name"), JsonRead.String(value, "value"), value.Clone())
                    : new AllowedValue(null, null, value.ToString(), value.Clone()));
            }
        }

        return new CreateMetaField
        {
            FieldId = fieldId,
            Key = JsonRead.String(item, "key") ?? fieldId,
            Name = JsonRead.String(item, "name") ?? fieldId,
            Required = JsonRead.Bool(item, "required"),
            HasDefaultValue = JsonRead.Bool(item, "hasDefaultValue"),
            Operations = JsonRead.Strings(item, "operations"),
            Schema = schema,
            AllowedValues = allowed,
            HasAllowedValues = allowedArray is not null,
        };
    }
}
