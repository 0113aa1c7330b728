using System.Text.Json;

namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary>Small readers shared by the field rules.</summary>
internal static class JsonValues
{
    /// <summary>A string's value, or any other value's JSON text (ids may come as numbers).</summary>
    public static string Raw(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>The item an <c>{"id"}</c> or <c>{"name"}</c> reference points to (id wins), or null.</summary>
    public static T? ByIdOrName<T>(JsonElement value, IEnumerable<T> items, Func<T, string> id, Func<T, string> name)
        where T : class
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (value.TryGetProperty("id", out var i))
        {
            return items.FirstOrDefault(x => id(x) == Raw(i));
        }

        return value.TryGetProperty("name", out var n)
            ? items.FirstOrDefault(x => string.Equals(name(x), Raw(n), StringComparison.Ordinal))
            : null;
    }
}
