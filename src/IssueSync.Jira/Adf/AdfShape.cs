using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IssueSync.Jira.Adf;

/// <summary>
/// The first check of caller ADF, before any rule that walks the tree recursively: the JSON is at most
/// <see cref="AdfJson.MaxDepth"/> levels deep and has at most <see cref="AdfValidator.MaxValues"/> values. It walks
/// with an explicit stack and stops at the first excess, so a document nested 100,000 deep costs a few dozen steps.
/// </summary>
internal static class AdfShape
{
    /// <summary>
    /// The depth check on JSON text, before it is parsed: System.Text.Json's JsonDocument takes time quadratic in
    /// the nesting (30,000 levels: 6.5 s), so text is read token by token and given up at the first level too deep.
    /// </summary>
    /// <exception cref="JsonException">The text is not valid JSON.</exception>
    public static AdfValidationError? CheckText(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = AdfJson.MaxDepth + 1 });
        var open = new List<Frame>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    open[^1] = open[^1] with { Property = reader.GetString() };
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    NextItem(open);
                    open.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, -1, null));
                    if (open.Count > AdfJson.MaxDepth)
                    {
                        return new(TextPath(open), TooDeep);
                    }

                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    open.RemoveAt(open.Count - 1);
                    break;
                default:
                    NextItem(open);
                    break;
            }
        }

        return null;
    }

    private static readonly string TooDeep = string.Create(CultureInfo.InvariantCulture,
        $"nested deeper than {AdfJson.MaxDepth} levels of JSON, the most a description may have (JSON readers and writers stop at 64, and the issue request wraps the description in 2 more)");

    private static void NextItem(List<Frame> open)
    {
        if (open.Count > 0 && open[^1].IsArray)
        {
            open[^1] = open[^1] with { Index = open[^1].Index + 1 };
        }
    }

    // The containers holding the one too deep: each is reached from its parent by a property or an index.
    private static string TextPath(List<Frame> open)
    {
        var path = new StringBuilder();
        for (var i = 0; i < open.Count - 1; i++)
        {
            if (open[i].IsArray)
            {
                path.Append(CultureInfo.InvariantCulture, $"[{open[i].Index}]");
            }
            else
            {
                path.Append(path.Length > 0 ? "." : "").Append(open[i].Property);
            }
        }

        return path.Length == 0 ? "doc" : path.ToString();
    }

    private readonly record struct Frame(bool IsArray, int Index, string? Property);

    public static AdfValidationError? Check(JsonNode? document)
    {
        var visited = new List<Entry>();
        var pending = new Stack<int>();
        visited.Add(new Entry(document, Parent: -1, Property: null, Index: -1, Depth: ContainerDepth(document, 0)));
        pending.Push(0);
        while (pending.TryPop(out var at))
        {
            var entry = visited[at];
            if (entry.Depth > AdfJson.MaxDepth)
            {
                return new(PathOf(visited, at), TooDeep);
            }

            var children = entry.Node switch { JsonObject obj => obj.Count, JsonArray array => array.Count, _ => 0 };
            if (visited.Count + children > AdfValidator.MaxValues)
            {
                return new("doc", string.Create(CultureInfo.InvariantCulture,
                    $"more than {AdfValidator.MaxValues:N0} JSON values; no document within Jira's {AdfJson.MaxLength:N0}-character limit has that many"));
            }

            // Children are pushed last-first so that the first excess found is the first in document order.
            switch (entry.Node)
            {
                case JsonObject obj:
                    for (var i = obj.Count - 1; i >= 0; i--)
                    {
                        var (key, value) = obj.GetAt(i);
                        pending.Push(visited.Count);
                        visited.Add(new Entry(value, at, key, -1, ContainerDepth(value, entry.Depth)));
                    }

                    break;
                case JsonArray array:
                    for (var i = array.Count - 1; i >= 0; i--)
                    {
                        pending.Push(visited.Count);
                        visited.Add(new Entry(array[i], at, null, i, ContainerDepth(array[i], entry.Depth)));
                    }

                    break;
            }
        }

        return null;
    }

    // Scalars add no level; an object or array is one deeper than the container holding it.
    private static int ContainerDepth(JsonNode? node, int parentDepth) => node is JsonObject or JsonArray ? parentDepth + 1 : parentDepth;

    // The validator's path style: content[0].content[1].attrs.url, or doc for the root.
    private static string PathOf(List<Entry> visited, int at)
    {
        var segments = new Stack<Entry>();
        for (var i = at; visited[i].Parent >= 0; i = visited[i].Parent)
        {
            segments.Push(visited[i]);
        }

        if (segments.Count == 0)
        {
            return "doc";
        }

        var path = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.Property is { } property)
            {
                path.Append(path.Length > 0 ? "." : "").Append(property);
            }
            else
            {
                path.Append(CultureInfo.InvariantCulture, $"[{segment.Index}]");
            }
        }

        return path.ToString();
    }

    private readonly record struct Entry(JsonNode? Node, int Parent, string? Property, int Index, int Depth);
}
