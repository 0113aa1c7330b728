using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace IssueSync.Jira.Adf;

/// <summary>
/// Markdig's syntax tree to ADF blocks. Inlines are walked with an explicit stack, so emphasis nested any number of
/// levels deep cannot overflow the thread's stack (ADF marks are a set, so the nesting adds nothing to the output).
/// Blocks recurse once per Markdown container level, which Markdig caps at 128; a list or quote that would take the
/// document past <see cref="AdfJson.MaxDepth"/> is flattened: its blocks go, in order, where the container would
/// have stood, so no text is lost.
/// </summary>
internal sealed class AdfRenderer(ConversionDeadline deadline)
{
    // Reused by every paragraph of the conversion.
    private readonly Stack<Frame> _frames = new();
    private readonly StringBuilder _text = new();

    // JSON levels below a block that the deepest block (a paragraph with linked text) needs:
    // paragraph > content > text > marks > mark > attrs.
    private const int DeepestBlock = 5;

    // The JSON level of the document's blocks: doc > content > block.
    private const int TopLevel = 3;

    private enum Place
    {
        Document,
        ListItem,
        Quote,
        TableCell,
    }

    public List<AdfNode> Render(MarkdownDocument document)
    {
        var blocks = new List<AdfNode>();
        RenderBlocks(document, blocks, Place.Document, TopLevel);
        return blocks;
    }

    private static bool Fits(int childLevel) => childLevel + DeepestBlock <= AdfJson.MaxDepth;

    private void RenderBlocks(ContainerBlock container, List<AdfNode> output, Place place, int level)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        foreach (var block in container)
        {
            deadline.Step();
            RenderBlock(block, output, place, level);
        }
    }

    private void RenderBlock(Block block, List<AdfNode> output, Place place, int level)
    {
        switch (block)
        {
            case HeadingBlock heading:
                var headingInline = RenderInline(heading.Inline);
                output.Add(place is Place.Document or Place.TableCell
                    ? AdfNode.Heading(Math.Clamp(heading.Level, 1, 6), headingInline)
                    : AdfNode.Paragraph(headingInline.Select(Bold)));
                break;
            case ParagraphBlock paragraph:
                output.Add(AdfNode.ParagraphOf(RenderInline(paragraph.Inline)));
                break;
            case Table table when place == Place.Document:
                output.Add(RenderTable(table, level));
                break;
            case Table table:
                foreach (var row in table.OfType<TableRow>())
                {
                    output.Add(AdfNode.Paragraph(FlattenRow(row)));
                }

                break;
            case ListBlock list when Fits(level + 4):
                var items = list.OfType<ListItemBlock>().Select(item =>
                {
                    var content = new List<AdfNode>();
                    RenderBlocks(item, content, Place.ListItem, level + 4);
                    return AdfNode.ListItem(content);
                }).ToList();
                if (items.Count > 0)
                {
                    output.Add(list.IsOrdered
                        ? AdfNode.OrderedList(items, int.TryParse(list.OrderedStart, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 1)
                        : AdfNode.BulletList(items));
                }

                break;
            case ListBlock list:
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    RenderBlocks(item, output, place, level);
                }

                break;
            case QuoteBlock quote when place is Place.Document or Place.TableCell && Fits(level + 2):
                var quoted = new List<AdfNode>();
                RenderBlocks(quote, quoted, Place.Quote, level + 2);
                output.Add(AdfNode.Blockquote(quoted));
                break;
            case QuoteBlock quote:
                RenderBlocks(quote, output, place, level);
                break;
            case CodeBlock code:
                var language = code is FencedCodeBlock fenced ? fenced.Info : null;
                output.Add(AdfNode.CodeBlock(language, Lines(code)));
                break;
            case ThematicBreakBlock when place is Place.Document or Place.TableCell:
                output.Add(AdfNode.Rule());
                break;
            case ThematicBreakBlock:
                break;
            case HtmlBlock html:
                output.Add(AdfNode.Paragraph(LinesAsText(Lines(html))));
                break;
            case LinkReferenceDefinitionGroup or LinkReferenceDefinition or BlankLineBlock:
                break;
            case ContainerBlock other:
                RenderBlocks(other, output, place, level);
                break;
            case LeafBlock leaf:
                output.Add(AdfNode.Paragraph(LinesAsText(Lines(leaf))));
                break;
        }
    }

    // Tables stand only at the top level, where their cells (six JSON levels down) have room for any block.
    private AdfNode RenderTable(Table table, int level)
    {
        var rows = table.OfType<TableRow>().ToList();
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        return AdfNode.Table(rows.Select(row =>
        {
            var cells = new List<AdfNode>();
            foreach (var cell in row.OfType<TableCell>())
            {
                var content = new List<AdfNode>();
                RenderBlocks(cell, content, Place.TableCell, level + 6);
                cells.Add(row.IsHeader ? AdfNode.TableHeader(content) : AdfNode.TableCell(content));
            }

            while (cells.Count < columns)
            {
                cells.Add(row.IsHeader ? AdfNode.TableHeader([]) : AdfNode.TableCell([]));
            }

            return AdfNode.TableRow(cells);
        }));
    }

    private List<AdfNode> FlattenRow(TableRow row)
    {
        var inline = new InlineOutput(_text);
        foreach (var cell in row.OfType<TableCell>())
        {
            if (!inline.IsEmpty)
            {
                inline.Append(" | ", []);
            }

            foreach (var paragraph in cell.Descendants<ParagraphBlock>())
            {
                RenderInlines(paragraph.Inline, inline);
            }
        }

        return inline.ToList();
    }

    private static string Lines(LeafBlock block)
    {
        var lines = block.Lines;
        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                text.Append('\n');
            }

            text.Append(lines.Lines[i].Slice.AsSpan());
        }

        return text.ToString();
    }

    private static List<AdfNode> LinesAsText(string text)
    {
        var inline = new List<AdfNode>();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (inline.Count > 0)
            {
                inline.Add(AdfNode.HardBreak());
            }

            inline.Add(AdfNode.TextNode(trimmed));
        }

        return inline;
    }

    private static AdfNode Bold(AdfNode node) =>
        node.Type == "text" && !node.Marks.Any(m => m.Type is "code" or "strong") ? node.WithMarks([.. node.Marks, AdfMark.Strong]) : node;

    private List<AdfNode> RenderInline(ContainerInline? container)
    {
        var output = new InlineOutput(_text);
        RenderInlines(container, output);
        var nodes = output.ToList();

        // A paragraph of only spaces is an empty paragraph.
        return nodes.All(n => n.Type == "text" && string.IsNullOrWhiteSpace(n.Text)) ? [] : nodes;
    }

    /// <summary>Walks the inlines depth first with an explicit stack, one frame per open container.</summary>
    private void RenderInlines(ContainerInline? root, InlineOutput output)
    {
        if (root is null)
        {
            return;
        }

        var stack = _frames;
        stack.Clear();
        stack.Push(new Frame(root.FirstChild, [], null, 0));
        while (stack.TryPop(out var frame))
        {
            if (frame.Next is not { } inline)
            {
                // A link whose text rendered to nothing shows its URL.
                if (frame.FallbackUrl is { } url && output.Version == frame.VersionAtStart)
                {
                    output.Append(url, frame.Marks);
                }

                continue;
            }

            stack.Push(frame with { Next = inline.NextSibling });
            deadline.Step();
            var marks = frame.Marks;
            switch (inline)
            {
                case LiteralInline literal:
                    output.Append(literal.Content.AsSpan(), marks);
                    break;
                case CodeInline code:
                    output.Append(code.Content, Find(marks, "link") is { } link ? [link, AdfMark.Code] : [AdfMark.Code]);
                    break;
                case EmphasisInline emphasis:
                    AdfMark[] added = emphasis.DelimiterChar == '~'
                        ? [AdfMark.Strike]
                        : emphasis.DelimiterCount switch { >= 3 => [AdfMark.Strong, AdfMark.Em], 2 => [AdfMark.Strong], _ => [AdfMark.Em] };
                    stack.Push(new Frame(emphasis.FirstChild, With(marks, added), null, output.Version));
                    break;
                case LinkInline { IsImage: true } image:
                    var alt = PlainText(image);
                    var imageText = alt.Length > 0 ? alt : image.Url ?? "image";
                    output.Append(imageText, AdfUrl.Safe(image.Url) is { } imageHref ? WithLink(marks, imageHref) : marks);
                    break;
                case LinkInline linkInline:
                    var href = AdfUrl.Safe(linkInline.Url);
                    var linkMarks = href is null ? marks : WithLink(marks, href);
                    stack.Push(new Frame(linkInline.FirstChild, linkMarks, href is null ? null : linkInline.Url, output.Version));
                    break;
                case AutolinkInline autolink:
                    var target = AdfUrl.Safe(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url);
                    output.Append(autolink.Url, target is null ? marks : WithLink(marks, target));
                    break;
                case LineBreakInline { IsHard: true }:
                    output.HardBreak();
                    break;
                case LineBreakInline:
                    output.Append(" ", marks);
                    break;
                case HtmlInline html:
                    output.Append(html.Tag, marks);
                    break;
                case HtmlEntityInline entity:
                    output.Append(entity.Transcoded.AsSpan(), marks);
                    break;
                case ContainerInline other:
                    stack.Push(new Frame(other.FirstChild, marks, null, output.Version));
                    break;
                default:
                    output.Append(inline.ToString() ?? "", marks);
                    break;
            }
        }
    }

    // Marks are a set: nesting the same emphasis twice adds nothing (so 10,000 nested levels stay two marks).
    private static AdfMark[] With(AdfMark[] marks, AdfMark[] added)
    {
        var result = marks;
        foreach (var mark in added)
        {
            if (Find(result, mark.Type) is null)
            {
                result = [.. result, mark];
            }
        }

        return result;
    }

    private static AdfMark[] WithLink(AdfMark[] marks, string href) =>
        Find(marks, "link") is null ? [.. marks, AdfMark.Link(href)] : [.. marks.Where(m => m.Type != "link"), AdfMark.Link(href)];

    private static AdfMark? Find(AdfMark[] marks, string type)
    {
        for (var i = 0; i < marks.Length; i++)
        {
            if (marks[i].Type == type)
            {
                return marks[i];
            }
        }

        return null;
    }

    // The alt text of an image: its literal text, code and line breaks, in order, without recursion.
    private static string PlainText(ContainerInline container)
    {
        var text = new StringBuilder();
        var pending = new Stack<Inline>();
        for (var child = container.LastChild; child is not null; child = child.PreviousSibling)
        {
            pending.Push(child);
        }

        while (pending.TryPop(out var inline))
        {
            switch (inline)
            {
                case LiteralInline literal: text.Append(literal.Content.AsSpan()); break;
                case CodeInline code: text.Append(code.Content); break;
                case LineBreakInline: text.Append(' '); break;
                case ContainerInline inner:
                    for (var child = inner.LastChild; child is not null; child = child.PreviousSibling)
                    {
                        pending.Push(child);
                    }

                    break;
            }
        }

        return text.ToString().Trim();
    }

    /// <summary>One open inline container: the next child to render and the marks in force.</summary>
    /// <param name="Next">The next child, or null when all are rendered.</param>
    /// <param name="Marks">The marks its text gets.</param>
    /// <param name="FallbackUrl">For a link: the URL to show if its text renders to nothing.</param>
    /// <param name="VersionAtStart">The output's version when the container opened.</param>
    private readonly record struct Frame(Inline? Next, AdfMark[] Marks, string? FallbackUrl, int VersionAtStart);

    /// <summary>
    /// Inline nodes being built. Adjacent text with the same marks is gathered in one buffer and becomes one text
    /// node, so thousands of small literals cost linear time, not a copy each.
    /// </summary>
    private sealed class InlineOutput
    {
        private readonly List<AdfNode> _nodes = [];
        private readonly StringBuilder _text;
        private AdfMark[] _textMarks = [];

        /// <param name="buffer">The renderer's text buffer, shared by one paragraph at a time.</param>
        public InlineOutput(StringBuilder buffer)
        {
            _text = buffer;
            _text.Clear();
        }

        /// <summary>Changes whenever something is appended.</summary>
        public int Version { get; private set; }

        public bool IsEmpty => _nodes.Count == 0 && _text.Length == 0;

        public void Append(ReadOnlySpan<char> text, AdfMark[] marks)
        {
            if (text.IsEmpty)
            {
                return;
            }

            var applied = Find(marks, "code") is null ? marks : [.. marks.Where(m => m.Type is "code" or "link")];
            if (_text.Length > 0 && !SameMarks(_textMarks, applied))
            {
                Flush();
            }

            _textMarks = applied;

            // Text nodes never carry a raw newline; a line break inside text (\r\n, \n or \r) reads as a space.
            while (text.IndexOfAny('\r', '\n') is var newline and >= 0)
            {
                _text.Append(text[..newline]).Append(' ');
                text = text[(text[newline] == '\r' && newline + 1 < text.Length && text[newline + 1] == '\n' ? newline + 2 : newline + 1)..];
            }

            _text.Append(text);
            Version++;
        }

        public void HardBreak()
        {
            Flush();
            _nodes.Add(AdfNode.HardBreak());
            Version++;
        }

        public List<AdfNode> ToList()
        {
            Flush();
            return _nodes;
        }

        private void Flush()
        {
            if (_text.Length == 0)
            {
                return;
            }

            _nodes.Add(AdfNode.TextNode(_text.ToString(), _textMarks));
            _text.Clear();
        }

        private static bool SameMarks(AdfMark[] left, AdfMark[] right)
        {
            if (ReferenceEquals(left, right))
            {
                return true;
            }

            if (left.Length != right.Length)
            {
                return false;
            }

            for (var i = 0; i < left.Length; i++)
            {
                if (Find(right, left[i].Type) != left[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
