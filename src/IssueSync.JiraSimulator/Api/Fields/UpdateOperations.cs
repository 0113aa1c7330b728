using System.Text.Json;

namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary>
/// The <c>update</c> part of <c>POST /issue</c> (docs/atlassian-api.md §4.1): per field, a list of operations applied in
/// order to an empty value — <c>set</c> replaces it, <c>add</c> appends one item, <c>remove</c> removes matching
/// items (array fields only) — giving the value <c>fields</c> would have carried. An operation the field does not
/// support (createmeta's <c>operations</c>) is refused with Jira's message.
/// </summary>
internal static class UpdateOperations
{
    private static readonly string[] ReferenceKeys = ["id", "name", "value"];

    public static UpdateResult Apply(FieldDefinition field, JsonElement operations)
    {
        if (operations.ValueKind != JsonValueKind.Array)
        {
            return UpdateResult.FieldError("The update value must be an array of operations, e.g. [{\"set\": …}].");
        }

        JsonElement? single = null;
        var items = new List<JsonElement>();
        foreach (var operation in operations.EnumerateArray())
        {
            if (operation.ValueKind != JsonValueKind.Object || operation.EnumerateObject().Count() != 1)
            {
                return UpdateResult.FieldError("Each update operation must be an object with one operation, e.g. {\"add\": …}.");
            }

            var (name, value) = operation.EnumerateObject().Select(p => (p.Name, p.Value)).Single();
            if (!field.Operations.Contains(name, StringComparer.Ordinal))
            {
                return UpdateResult.General(
                    $"Field with id' {field.Id}' and name '{field.Name}' does not support operation '{name}' Supported operation(s) are: '{string.Join("', '", field.Operations)}'");
            }

            switch (name)
            {
                case "set" when field.IsArray:
                    items = value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [value];
                    break;
                case "set":
                    single = value;
                    break;
                case "add":
                    items.Add(value);
                    break;
                case "remove":
                    items.RemoveAll(item => SameItem(item, value));
                    break;
                default:
                    throw new InvalidOperationException($"Operation '{name}' is listed for {field.Id} but not implemented.");
            }
        }

        if (!field.IsArray)
        {
            return single is { } value ? UpdateResult.Value(value) : UpdateResult.Nothing;
        }

        return operations.GetArrayLength() > 0 ? UpdateResult.Value(JsonSerializer.SerializeToElement(items)) : UpdateResult.Nothing;
    }

    /// <summary>Same label, or a component/option reference with the same id, name or value (not resolved: an id does not match a name).</summary>
    private static bool SameItem(JsonElement item, JsonElement removed)
    {
        if (item.ValueKind == JsonValueKind.Object && removed.ValueKind == JsonValueKind.Object)
        {
            return ReferenceKeys.Any(key =>
                item.TryGetProperty(key, out var a) && removed.TryGetProperty(key, out var b) && JsonValues.Raw(a) == JsonValues.Raw(b));
        }

        return item.ValueKind == removed.ValueKind && item.GetRawText() == removed.GetRawText();
    }
}

/// <summary>What an <c>update</c> entry came to: a value for the field, nothing, or an error.</summary>
internal sealed record UpdateResult(JsonElement? FieldValue, string? FieldMessage, string? GeneralMessage)
{
    public static readonly UpdateResult Nothing = new(null, null, null);

    public static UpdateResult Value(JsonElement value) => new(value, null, null);

    public static UpdateResult FieldError(string message) => new(null, message, null);

    public static UpdateResult General(string message) => new(null, null, message);
}
