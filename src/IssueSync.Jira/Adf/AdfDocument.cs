using System.Text.Json.Nodes;

namespace IssueSync.Jira.Adf;

/// <summary>An ADF document: <c>{"version":1,"type":"doc","content":[...]}</c>.</summary>
public sealed class AdfDocument
{
    /// <summary>A document of the given top-level blocks (possibly none).</summary>
    public AdfDocument(IEnumerable<AdfNode> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content.ToList();
    }

    /// <summary>The top-level blocks.</summary>
    public IReadOnlyList<AdfNode> Content { get; }

    /// <summary>The length of the compact JSON, which Jira's 32,767 limit applies to.</summary>
    public int SerializedLength => ToJsonString().Length;

    /// <summary>Plain text as paragraphs: blank lines separate paragraphs, single newlines become hard breaks.</summary>
    public static AdfDocument FromPlainText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n")
            .Select(p => p.Trim('\n'))
            .Where(p => p.Length > 0)
            .Select(p =>
            {
                var inline = new List<AdfNode>();
                foreach (var line in p.Split('\n'))
                {
                    if (inline.Count > 0)
                    {
                        inline.Add(AdfNode.HardBreak());
                    }

                    if (line.Length > 0)
                    {
                        inline.Add(AdfNode.TextNode(line));
                    }
                }

                return AdfNode.Paragraph(inline);
            });
        return new AdfDocument(paragraphs);
    }

    /// <summary>The document as a JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["version"] = 1,
        ["type"] = "doc",
        ["content"] = new JsonArray([.. Content.Select(c => (JsonNode)c.ToJson())]),
    };

    /// <summary>The document as JSON text, compact unless <paramref name="indented"/>.</summary>
    public string ToJsonString(bool indented = false) => ToJson().ToJsonString(indented ? AdfJson.IndentedOptions : AdfJson.SerializerOptions);
}
