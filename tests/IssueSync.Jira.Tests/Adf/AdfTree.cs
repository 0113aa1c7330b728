using System.Text.Json.Nodes;

namespace IssueSync.Jira.Tests.Adf;

/// <summary>Walks every node of an ADF document.</summary>
internal static class AdfTree
{
    public static IEnumerable<(string Path, JsonObject Node, string? ParentType)> Nodes(JsonNode document) => Walk(document.AsObject(), "doc", null);

    private static IEnumerable<(string, JsonObject, string?)> Walk(JsonObject node, string path, string? parentType)
    {
        yield return (path, node, parentType);
        if (node["content"] is JsonArray content)
        {
            for (var i = 0; i < content.Count; i++)
            {
                foreach (var child in Walk(content[i]!.AsObject(), $"{path}.content[{i}]", (string?)node["type"]))
                {
                    yield return child;
                }
            }
        }
    }

    public static IEnumerable<JsonObject> Texts(JsonNode document) =>
        Nodes(document).Select(n => n.Node).Where(n => (string?)n["type"] == "text");

    public static IReadOnlyList<string> MarkTypes(JsonObject text) =>
        text["marks"] is JsonArray marks ? [.. marks.Select(m => (string)m!["type"]!)] : [];

    /// <summary>The invariants IssueSync promises for every converted document.</summary>
    public static void AssertInvariants(JsonNode document)
    {
        foreach (var (path, node, parentType) in Nodes(document))
        {
            var type = (string?)node["type"];
            if (type == "text")
            {
                var text = (string?)node["text"];
                Assert.False(string.IsNullOrEmpty(text), $"{path}: empty text node");
                var marks = MarkTypes(node);
                if (marks.Contains("code"))
                {
                    Assert.All(marks, m => Assert.Contains(m, new[] { "code", "link" }));
                }

                if (parentType == "codeBlock")
                {
                    Assert.Empty(marks);
                }
                else
                {
                    Assert.DoesNotContain('\n', text!);
                }

                if (node["marks"] is JsonArray linkMarks)
                {
                    foreach (var href in linkMarks.Where(m => (string?)m!["type"] == "link").Select(m => (string)m!["attrs"]!["href"]!))
                    {
                        Assert.Matches("^(https?|mailto):", href);
                    }
                }
            }

            if (type is "listItem" or "bulletList" or "orderedList" or "blockquote" or "tableRow" or "tableCell" or "tableHeader" or "table")
            {
                Assert.True(node["content"] is JsonArray { Count: > 0 }, $"{path}: {type} without content");
            }
        }
    }
}
