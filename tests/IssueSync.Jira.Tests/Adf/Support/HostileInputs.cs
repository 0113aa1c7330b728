using System.Text;
using System.Text.Json.Nodes;

namespace IssueSync.Jira.Tests.Adf.Support;

/// <summary>Inputs reproduced by the team, and others found while profiling Markdig.</summary>
internal static class HostileInputs
{
    /// <summary>The worker's maximum message size.</summary>
    public const int MessageLimit = 256 * 1024;

    /// <summary>28 KB: 14,000 nested emphasis levels around one letter.</summary>
    public static readonly string EmphasisStack = new string('*', 14_000) + "a" + new string('*', 14_000);

    /// <summary>256 KB of unclosed inline links: every <c>](</c> makes Markdig scan to the end of the line.</summary>
    public static readonly string UnclosedLinks = Repeat("[a](", MessageLimit);

    public static string Repeat(string unit, int length)
    {
        var text = new StringBuilder(length);
        while (text.Length + unit.Length <= length)
        {
            text.Append(unit);
        }

        return text.ToString();
    }

    /// <summary>
    /// A valid-looking document nested <paramref name="depth"/> nodes deep (bullet lists and list items in turn,
    /// a paragraph innermost), built without recursion.
    /// </summary>
    public static JsonObject NestedAdf(int depth)
    {
        var node = new JsonObject { ["type"] = "paragraph" };
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
}
