using System.Text;
using System.Text.Json.Nodes;
using IssueSync.Jira.Adf;

namespace IssueSync.Jira.Tests.Adf.Support;

/// <summary>Inputs reproduced by the team, and others found while profiling Markdig.</summary>
internal static class HostileInputs
{
    /// <summary>28 KB: 14,000 nested emphasis levels around one letter.</summary>
    public static readonly string EmphasisStack = new string('*', 14_000) + "a" + new string('*', 14_000);

    /// <summary>256,000 characters of unclosed inline links: every <c>](</c> made Markdig scan to the end of the line (85 s).</summary>
    public static readonly string UnclosedLinks = string.Concat(Enumerable.Repeat("[a](", 64_000));

    public static string Repeat(string unit, int length)
    {
        var text = new StringBuilder(length);
        while (text.Length + unit.Length <= length)
        {
            text.Append(unit);
        }

        return text.ToString();
    }

    /// <summary>The converter's estimate for Markdown that is one paragraph (or only reference definitions).</summary>
    public static long EstimatedSteps(string markdown) =>
        MarkdigCost.Inline(markdown).Total + MarkdigCost.Source(markdown).Total;

    /// <summary>The most repetitions of <paramref name="unit"/> whose estimate is still within the budget.</summary>
    public static string LongestAccepted(string unit)
    {
        int low = 1, high = AdfConversionOptions.DefaultMaxMarkdownLength / unit.Length;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (EstimatedSteps(Repeat(unit, middle * unit.Length)) <= MarkdigCost.Budget)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return Repeat(unit, low * unit.Length);
    }

    /// <summary>
    /// A valid-looking document nested <paramref name="depth"/> nodes deep (bullet lists and list items in turn,
    /// <paramref name="innermost"/> or an empty paragraph innermost), built without recursion.
    /// </summary>
    public static JsonObject NestedAdf(int depth, JsonObject? innermost = null)
    {
        var node = innermost ?? new JsonObject { ["type"] = "paragraph" };
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["type"] = i % 2 == 0 ? "listItem" : "bulletList", ["content"] = new JsonArray(node) };
        }

        if (depth % 2 == 1)
        {
            node = new JsonObject { ["type"] = "bulletList", ["content"] = new JsonArray(node) };
        }

        return new JsonObject { ["version"] = 1, ["type"] = "doc", ["content"] = new JsonArray(node) };
    }

    /// <summary><see cref="NestedAdf"/> as compact JSON text, built without recursion.</summary>
    public static string NestedAdfText(int depth)
    {
        var types = Enumerable.Range(0, depth).Select(i => i % 2 == 0 ? "listItem" : "bulletList").ToList();
        if (depth % 2 == 1)
        {
            types.Add("bulletList");
        }

        var text = new StringBuilder("{\"version\":1,\"type\":\"doc\",\"content\":[");
        for (var i = types.Count - 1; i >= 0; i--)
        {
            text.Append("{\"type\":\"").Append(types[i]).Append("\",\"content\":[");
        }

        text.Append("{\"type\":\"paragraph\"}");
        for (var i = 0; i < types.Count; i++)
        {
            text.Append("]}");
        }

        return text.Append("]}").ToString();
    }
}
