using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IssueSync.Jira.Adf;

/// <summary>
/// The length Jira's 32,767-character limit applies to: UTF-16 code units of the compact, unescaped JSON.
/// L(null) = 4, L(true) = 4, L(false) = 5, L(number) = length of its JSON text, L(string) = 2 + its UTF-16 length
/// (a quote or newline inside counts 1, an emoji 2), L(array) = 2 + ΣL(item) + (n − 1 commas),
/// L(object) = 2 + Σ(L(key) + 1 + L(value)) + (n − 1 commas). System.Text.Json's own output cannot be used: it escapes
/// every character outside the BMP as <c>\uXXXX\uXXXX</c>, six characters per UTF-16 unit.
/// </summary>
public static class AdfLength
{
    /// <summary>L(null).</summary>
    internal const int Null = 4;

    /// <summary>Measures any JSON value without recursion, so a document of any depth can be measured.</summary>
    /// <returns>The length, or <see cref="int.MaxValue"/> for a value longer than that.</returns>
    public static int Measure(JsonNode? node)
    {
        if (Flat(node) is { } flat)
        {
            return flat;
        }

        long total = 0;
        var pending = new Stack<JsonNode?>();
        pending.Push(node);
        while (pending.TryPop(out var current))
        {
            switch (current)
            {
                case null:
                    total += Null;
                    break;
                case JsonObject obj:
                    total += Container(0, obj.Count);
                    foreach (var (key, value) in obj)
                    {
                        total += String(key) + 1;
                        pending.Push(value);
                    }

                    break;
                case JsonArray array:
                    total += Container(0, array.Count);
                    foreach (var item in array)
                    {
                        pending.Push(item);
                    }

                    break;
                case JsonValue value:
                    total += Value(value);
                    break;
            }
        }

        return (int)Math.Min(total, int.MaxValue);
    }

    // A scalar, or an object whose members are all scalars (every attrs IssueSync builds), without a stack.
    private static int? Flat(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return Null;
            case JsonValue value:
                return Value(value);
            case JsonObject obj:
                var members = 0;
                foreach (var (key, member) in obj)
                {
                    if (member is JsonObject or JsonArray)
                    {
                        return null;
                    }

                    members += Member(key, member is JsonValue scalar ? Value(scalar) : Null);
                }

                return Container(members, obj.Count);
            default:
                return null;
        }
    }

    /// <summary>L(string).</summary>
    internal static int String(string text) => 2 + text.Length;

    /// <summary>L of one object member <c>"key":value</c>, without the comma.</summary>
    internal static int Member(string key, int valueLength) => String(key) + 1 + valueLength;

    /// <summary>L of an array or object whose items (or members) add up to <paramref name="itemsLength"/>.</summary>
    internal static int Container(int itemsLength, int count) => 2 + itemsLength + Math.Max(0, count - 1);

    /// <summary>L of an object of the given member lengths.</summary>
    internal static int Object(params ReadOnlySpan<int> memberLengths)
    {
        var sum = 0;
        foreach (var length in memberLengths)
        {
            sum += length;
        }

        return Container(sum, memberLengths.Length);
    }

    private static int Value(JsonValue value)
    {
        if (value.TryGetValue<string>(out var text))
        {
            return String(text);
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                return 4;
            case JsonValueKind.False:
                return 5;
            case JsonValueKind.Null:
                return Null;
            case JsonValueKind.Number when value.TryGetValue<JsonElement>(out var element):
                // A parsed number is sent as it was written ("1.0" stays three characters).
                return element.GetRawText().Length;
            case JsonValueKind.Number when value.TryGetValue<int>(out var integer):
                return integer.ToString(CultureInfo.InvariantCulture).Length;
            default:
                // Numbers built in code and other scalars: their JSON text has nothing to escape.
                return value.ToJsonString(AdfJson.SerializerOptions).Length;
        }
    }
}
