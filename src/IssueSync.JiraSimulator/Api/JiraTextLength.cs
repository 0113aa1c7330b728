using System.Text.Json;

namespace IssueSync.JiraSimulator.Api;

/// <summary>
/// How Jira measures a rich-text field (ADF) against its 32,767-character limit: the length in UTF-16 code units of
/// the value written as compact JSON <b>without escaping</b>. A <c>"</c> or a newline inside a string counts 1, an
/// emoji (a surrogate pair) 2, numbers count as the text they were received as.
/// <code>
/// L(null) = 4, L(true) = 4, L(false) = 5, L(number) = its JSON text, L(string) = 2 + s.Length,
/// L(array) = 2 + Σ L(item) + max(0, n − 1), L(object) = 2 + Σ (L(key) + 1 + L(value)) + max(0, n − 1)
/// </code>
/// </summary>
internal static class JiraTextLength
{
    public const int Limit = 32_767;

    public static long Of(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.True:
                return 4;
            case JsonValueKind.False:
                return 5;
            case JsonValueKind.Number:
                return value.GetRawText().Length;
            case JsonValueKind.String:
                return 2 + value.GetString()!.Length;
            case JsonValueKind.Array:
                long arrayLength = 2, items = 0;
                foreach (var item in value.EnumerateArray())
                {
                    arrayLength += Of(item);
                    items++;
                }

                return arrayLength + Math.Max(0, items - 1);
            case JsonValueKind.Object:
                long objectLength = 2, properties = 0;
                foreach (var property in value.EnumerateObject())
                {
                    objectLength += 2 + property.Name.Length + 1 + Of(property.Value);
                    properties++;
                }

                return objectLength + Math.Max(0, properties - 1);
            default:
                throw new ArgumentException($"A JSON value was expected, not {value.ValueKind}.", nameof(value));
        }
    }
}
