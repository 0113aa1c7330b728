using System.Globalization;
using System.Text.Json.Nodes;

namespace IssueSync.Jira.Adf;

/// <summary>
/// One ADF node. Built only through the factories, which keep ADF's rules: no empty text node, the <c>code</c> mark
/// never combined with a mark other than <c>link</c>, and no nesting deeper than <see cref="AdfJson.MaxDepth"/> allows.
/// </summary>
public sealed class AdfNode
{
    private AdfNode(string type, IReadOnlyList<AdfNode>? content = null, JsonObject? attrs = null, string? text = null, IReadOnlyList<AdfMark>? marks = null)
    {
        Type = type;
        Content = content;
        Attrs = attrs;
        Text = text;
        Marks = marks ?? [];
        (SerializedLength, Depth, TextLength) = Measure();
        if (Depth > MaxDepth)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"This {type} would nest {Depth + 2} levels of JSON in a document; ADF sent to Jira may nest at most {AdfJson.MaxDepth}."));
        }
    }

    /// <summary>The deepest a node may nest: the document's object and content array take two of <see cref="AdfJson.MaxDepth"/>.</summary>
    internal const int MaxDepth = AdfJson.MaxDepth - 2;

    /// <summary>The node type, e.g. <c>paragraph</c>.</summary>
    public string Type { get; }

    /// <summary>Child nodes; null when the node has no <c>content</c> property.</summary>
    public IReadOnlyList<AdfNode>? Content { get; }

    /// <summary>The text of a <c>text</c> node.</summary>
    public string? Text { get; }

    /// <summary>The marks of a <c>text</c> node.</summary>
    public IReadOnlyList<AdfMark> Marks { get; }

    /// <summary>The node's length as Jira counts it (see <see cref="AdfLength"/>), computed once when it is built.</summary>
    public int SerializedLength { get; }

    /// <summary>The JSON nesting of <see cref="ToJson"/>: 1 for <c>{"type":"rule"}</c>, 2 more for each level of content.</summary>
    public int Depth { get; }

    /// <summary>How many characters of text the node holds, itself and below.</summary>
    internal int TextLength { get; }

    // Built only by the factories below, which give flat attrs (numbers and strings).
    internal JsonObject? Attrs { get; }

    /// <summary>A text node. Throws on empty text and on <c>code</c> combined with anything but <c>link</c>.</summary>
    public static AdfNode TextNode(string text, params IReadOnlyList<AdfMark> marks)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentNullException.ThrowIfNull(marks);
        var distinct = new List<AdfMark>(marks.Count);
        bool code = false, other = false;
        for (var i = 0; i < marks.Count; i++)
        {
            var mark = marks[i];
            if (!HasType(distinct, mark.Type))
            {
                distinct.Add(mark);
                code |= mark.Type == "code";
                other |= mark.Type is not ("code" or "link");
            }
        }

        if (code && other)
        {
            throw new ArgumentException("The code mark can only be combined with link.", nameof(marks));
        }

        return new AdfNode("text", text: text, marks: distinct);
    }

    /// <summary>A paragraph; with no inline content it is the empty paragraph <c>{"type":"paragraph"}</c>.</summary>
    public static AdfNode Paragraph(IEnumerable<AdfNode>? inline = null) => new("paragraph", NonEmpty(inline));

    // For the converter, which hands over a list it no longer touches: no copy.
    internal static AdfNode ParagraphOf(List<AdfNode> inline) => new("paragraph", inline.Count > 0 ? inline : null);

    /// <summary>A heading of level 1 to 6.</summary>
    public static AdfNode Heading(int level, IEnumerable<AdfNode>? inline = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 6);
        return new("heading", NonEmpty(inline), new JsonObject { ["level"] = level });
    }

    /// <summary>A line break inside a paragraph.</summary>
    public static AdfNode HardBreak() => new("hardBreak");

    /// <summary>A bullet list of at least one item.</summary>
    public static AdfNode BulletList(IEnumerable<AdfNode> items) => new("bulletList", AtLeastOne(items, "bulletList"));

    /// <summary>An ordered list of at least one item, numbered from <paramref name="order"/> when it is not 1.</summary>
    public static AdfNode OrderedList(IEnumerable<AdfNode> items, int order = 1) =>
        new("orderedList", AtLeastOne(items, "orderedList"), order == 1 ? null : new JsonObject { ["order"] = Math.Max(0, order) });

    /// <summary>A list item; with no blocks it holds one empty paragraph.</summary>
    public static AdfNode ListItem(IEnumerable<AdfNode> blocks)
    {
        var content = blocks.ToList();

        // Jira's editor schema wants a list item to start with a paragraph or code block, not a nested list.
        if (content.Count == 0 || content[0].Type is "bulletList" or "orderedList")
        {
            content.Insert(0, Paragraph());
        }

        return new("listItem", content);
    }

    /// <summary>A code block; its text is never marked.</summary>
    public static AdfNode CodeBlock(string? language, string code)
    {
        var attrs = string.IsNullOrWhiteSpace(language) ? null : new JsonObject { ["language"] = language.Trim() };
        return new("codeBlock", string.IsNullOrEmpty(code) ? null : [new AdfNode("text", text: code)], attrs);
    }

    /// <summary>A block quote; with no blocks it holds one empty paragraph.</summary>
    public static AdfNode Blockquote(IEnumerable<AdfNode> blocks) => new("blockquote", OrEmptyParagraph(blocks));

    /// <summary>A horizontal rule.</summary>
    public static AdfNode Rule() => new("rule");

    /// <summary>A table of at least one row.</summary>
    public static AdfNode Table(IEnumerable<AdfNode> rows) => new("table", AtLeastOne(rows, "table"));

    /// <summary>A table row of header or data cells.</summary>
    public static AdfNode TableRow(IEnumerable<AdfNode> cells) => new("tableRow", AtLeastOne(cells, "tableRow"));

    /// <summary>A header cell; with no blocks it holds one empty paragraph.</summary>
    public static AdfNode TableHeader(IEnumerable<AdfNode> blocks) => new("tableHeader", OrEmptyParagraph(blocks));

    /// <summary>A data cell; with no blocks it holds one empty paragraph.</summary>
    public static AdfNode TableCell(IEnumerable<AdfNode> blocks) => new("tableCell", OrEmptyParagraph(blocks));

    /// <summary>The node as ADF JSON.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = Type };
        if (Attrs is not null)
        {
            json["attrs"] = Attrs.DeepClone();
        }

        if (Text is not null)
        {
            json["text"] = Text;
        }

        if (Marks.Count > 0)
        {
            var marks = new JsonArray();
            for (var i = 0; i < Marks.Count; i++)
            {
                marks.Add(Marks[i].ToJson());
            }

            json["marks"] = marks;
        }

        if (Content is not null)
        {
            var content = new JsonArray();
            for (var i = 0; i < Content.Count; i++)
            {
                content.Add(Content[i].ToJson());
            }

            json["content"] = content;
        }

        return json;
    }

    // Children were measured when they were built, so this is linear in the number of children, not the subtree.
    private (int Length, int Depth, int TextLength) Measure()
    {
        int members = 1, sum = AdfLength.Member("type", AdfLength.String(Type)), depth = 1, textLength = Text?.Length ?? 0;
        if (Attrs is not null)
        {
            members++;
            sum += AdfLength.Member("attrs", AdfLength.Measure(Attrs));
            depth = 2;
        }

        if (Text is not null)
        {
            members++;
            sum += AdfLength.Member("text", AdfLength.String(Text));
        }

        if (Marks.Count > 0)
        {
            var marks = 0;
            for (var i = 0; i < Marks.Count; i++)
            {
                marks += Marks[i].SerializedLength;
                depth = Math.Max(depth, 2 + Marks[i].Depth);
            }

            members++;
            sum += AdfLength.Member("marks", AdfLength.Container(marks, Marks.Count));
        }

        if (Content is not null)
        {
            var children = 0;
            depth = Math.Max(depth, 2);
            for (var i = 0; i < Content.Count; i++)
            {
                var child = Content[i];
                children += child.SerializedLength;
                depth = Math.Max(depth, 2 + child.Depth);
                textLength += child.TextLength;
            }

            members++;
            sum += AdfLength.Member("content", AdfLength.Container(children, Content.Count));
        }

        return (AdfLength.Container(sum, members), depth, textLength);
    }

    internal AdfNode WithContent(IReadOnlyList<AdfNode> content) => new(Type, content, Attrs, Text, Marks);

    internal AdfNode WithText(string text) => new(Type, Content, Attrs, text, Marks);

    internal AdfNode WithMarks(IReadOnlyList<AdfMark> marks) => new(Type, Content, Attrs, Text, marks);

    private static bool HasType(List<AdfMark> marks, string type)
    {
        foreach (var mark in marks)
        {
            if (mark.Type == type)
            {
                return true;
            }
        }

        return false;
    }

    private static List<AdfNode>? NonEmpty(IEnumerable<AdfNode>? nodes)
    {
        var list = nodes?.ToList();
        return list is { Count: > 0 } ? list : null;
    }

    private static List<AdfNode> AtLeastOne(IEnumerable<AdfNode> nodes, string type)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var list = nodes.ToList();
        return list.Count > 0 ? list : throw new ArgumentException($"A {type} needs at least one child.", nameof(nodes));
    }

    private static List<AdfNode> OrEmptyParagraph(IEnumerable<AdfNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var list = nodes.ToList();
        return list.Count > 0 ? list : [Paragraph()];
    }
}
