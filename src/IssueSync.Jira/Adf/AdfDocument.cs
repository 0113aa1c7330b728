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
        var blocks = 0;
        for (var i = 0; i < Content.Count; i++)
        {
            var block = Content[i];
            blocks += block.SerializedLength;
            Depth = Math.Max(Depth, 2 + block.Depth);
            TextLength += block.TextLength;
        }

        // {"version":1,"type":"doc","content":[...]}
        SerializedLength = AdfLength.Object(
            AdfLength.Member("version", 1), AdfLength.Member("type", AdfLength.String("doc")), AdfLength.Member("content", AdfLength.Container(blocks, Content.Count)));
        Depth = Math.Max(Depth, 2);
    }

    /// <summary>The top-level blocks.</summary>
    public IReadOnlyList<AdfNode> Content { get; }

    /// <summary>The document's length as Jira counts it for its 32,767 limit (see <see cref="AdfLength"/>), computed once.</summary>
    public int SerializedLength { get; }

    /// <summary>The JSON nesting of the document, at most <see cref="AdfJson.MaxDepth"/>.</summary>
    public int Depth { get; }

    /// <summary>How many characters of text the document holds.</summary>
    internal int TextLength { get; }

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
    public JsonObject ToJson()
    {
        var content = new JsonArray();
        for (var i = 0; i < Content.Count; i++)
        {
            content.Add(Content[i].ToJson());
        }

        return new JsonObject { ["version"] = 1, ["type"] = "doc", ["content"] = content };
    }

    /// <summary>The document as JSON text, compact unless <paramref name="indented"/>.</summary>
    public string ToJsonString(bool indented = false) => ToJson().ToJsonString(indented ? AdfJson.IndentedOptions : AdfJson.SerializerOptions);
}
