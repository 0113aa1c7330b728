using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace IssueSync.Jira.Adf;

/// <summary>
/// The first check of caller ADF, before any rule that walks the tree recursively: the JSON is at most
/// <see cref="AdfJson.MaxDepth"/> levels deep and has at most <see cref="AdfValidator.MaxValues"/> values. It walks
/// with an explicit stack and stops at the first excess, so a document nested 100,000 deep costs a few dozen steps.
/// </summary>
internal static class AdfShape
{
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
                return new(PathOf(visited, at), string.Create(CultureInfo.InvariantCulture,
                    $"nested deeper than {AdfJson.MaxDepth} levels of JSON, the most a description may have (JSON readers and writers stop at 64, and the issue request wraps the description in 2 more)"));
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
