using System.Text;
using System.Text.Json;

namespace IssueSync.JiraSimulator.Api;

/// <summary>The <c>properties</c> array of <c>POST /issue</c>: entity properties set at creation.</summary>
internal static class CreateIssueProperties
{
    /// <summary>The properties by key; problems are added to <paramref name="messages"/>.</summary>
    public static Dictionary<string, JsonElement> Read(JsonElement body, List<string> messages)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (!body.TryGetProperty("properties", out var properties) || properties.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        if (properties.ValueKind != JsonValueKind.Array)
        {
            messages.Add("The 'properties' value must be an array of {key, value} objects.");
            return result;
        }

        foreach (var property in properties.EnumerateArray())
        {
            if (property.ValueKind != JsonValueKind.Object || !property.TryGetProperty("key", out var key)
                || key.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(key.GetString()))
            {
                messages.Add("The property key cannot be empty.");
                continue;
            }

            var name = key.GetString()!;
            if (name.Length > IssueWriteHandler.MaxPropertyKeyLength)
            {
                messages.Add("The property key cannot be longer than 255 characters.");
                continue;
            }

            var value = property.TryGetProperty("value", out var v) ? v.Clone() : JsonSerializer.SerializeToElement<object?>(null);
            if (Encoding.UTF8.GetByteCount(value.GetRawText()) > IssueWriteHandler.MaxPropertyValueBytes)
            {
                messages.Add($"The property '{name}' has a value longer than 32768 bytes.");
                continue;
            }

            result[name] = value;
        }

        return result;
    }
}
