using System.Globalization;
using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace IssueSync.Jira.Adf;

/// <summary>
/// Markdown (CommonMark plus pipe tables, <c>~~strike~~</c> and bare-URL autolinks) to ADF that Jira accepts.
/// Links keep only http, https and mailto targets; raw HTML stays literal text; images become links.
/// Blocks ADF does not allow where they stand (a heading in a list item, a table in a quote) are flattened.
/// </summary>
public sealed class MarkdownToAdfConverter
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .Build();

    private readonly AdfConversionOptions _options;

    /// <summary>A converter with the given options (default: error when over 32,767 characters).</summary>
    public MarkdownToAdfConverter(AdfConversionOptions? options = null)
    {
        _options = options ?? new AdfConversionOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxLength, 200, nameof(options));
    }

    /// <summary>Converts Markdown and applies the size limit.</summary>
    public AdfConversionResult Convert(string markdown)
    {
        var document = ToDocument(markdown);
        var length = document.SerializedLength;
        if (length <= _options.MaxLength)
        {
            return new AdfConversionResult(document, null, length);
        }

        if (!_options.TruncateToLimit)
        {
            return new AdfConversionResult(null, TooLongMessage(length, _options.MaxLength), length);
        }

        var (truncated, omitted) = AdfTruncator.Truncate(document, _options.MaxLength);
        return new AdfConversionResult(truncated, null, truncated.SerializedLength, truncated: true, omitted);
    }

    /// <summary>The error text for a document over the limit.</summary>
    public static string TooLongMessage(int length, int limit = AdfJson.MaxLength) => string.Create(
        CultureInfo.InvariantCulture, $"Description is {length:N0} characters as ADF; Jira's limit is {limit:N0}.");

    /// <summary>Converts Markdown without any size check.</summary>
    public static AdfDocument ToDocument(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var parsed = Markdown.Parse(markdown, Pipeline);
        var blocks = new List<AdfNode>();
        RenderBlocks(parsed, blocks, Place.Document);
        return new AdfDocument(blocks);
    }

    private enum Place
    {
        Document,
        ListItem,
        Quote,
        TableCell,
    }

    private static void RenderBlocks(ContainerBlock container, List<AdfNode> output, Place place)
    {
        foreach (var block in container)
        {
            RenderBlock(block, output, place);
        }
    }

    private static void RenderBlock(Block block, List<AdfNode> output, Place place)
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
                output.Add(AdfNode.Paragraph(RenderInline(paragraph.Inline)));
                break;
            case Table table when place == Place.Document:
                output.Add(RenderTable(table));
                break;
            case Table table:
                foreach (var row in table.OfType<TableRow>())
                {
                    output.Add(AdfNode.Paragraph(FlattenRow(row)));
                }

                break;
            case ListBlock list:
                var items = list.OfType<ListItemBlock>().Select(item =>
                {
                    var content = new List<AdfNode>();
                    RenderBlocks(item, content, Place.ListItem);
                    return AdfNode.ListItem(content);
                }).ToList();
                if (items.Count > 0)
                {
                    output.Add(list.IsOrdered
                        ? AdfNode.OrderedList(items, int.TryParse(list.OrderedStart, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 1)
                        : AdfNode.BulletList(items));
                }

                break;
            case QuoteBlock quote when place is Place.Document or Place.TableCell:
                var quoted = new List<AdfNode>();
                RenderBlocks(quote, quoted, Place.Quote);
                output.Add(AdfNode.Blockquote(quoted));
                break;
            case QuoteBlock quote:
                RenderBlocks(quote, output, place);
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
                RenderBlocks(other, output, place);
                break;
            case LeafBlock leaf:
                output.Add(AdfNode.Paragraph(LinesAsText(Lines(leaf))));
                break;
        }
    }

    private static AdfNode RenderTable(Table table)
    {
        var rows = table.OfType<TableRow>().ToList();
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        return AdfNode.Table(rows.Select(row =>
        {
            var cells = new List<AdfNode>();
            foreach (var cell in row.OfType<TableCell>())
            {
                var content = new List<AdfNode>();
                RenderBlocks(cell, content, Place.TableCell);
                cells.Add(row.IsHeader ? AdfNode.TableHeader(content) : AdfNode.TableCell(content));
            }

            while (cells.Count < columns)
            {
                cells.Add(row.IsHeader ? AdfNode.TableHeader([]) : AdfNode.TableCell([]));
            }

            return AdfNode.TableRow(cells);
        }));
    }

    private static List<AdfNode> FlattenRow(TableRow row)
    {
        var inline = new List<AdfNode>();
        foreach (var cell in row.OfType<TableCell>())
        {
            if (inline.Count > 0)
            {
                Append(inline, " | ", []);
            }

            foreach (var paragraph in cell.Descendants<ParagraphBlock>())
            {
                foreach (var node in RenderInline(paragraph.Inline))
                {
                    Append(inline, node);
                }
            }
        }

        return inline;
    }

    private static string Lines(LeafBlock block)
    {
        var lines = block.Lines;
        var text = new List<string>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            text.Add(lines.Lines[i].Slice.ToString());
        }

        return string.Join('\n', text);
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

    private static List<AdfNode> RenderInline(ContainerInline? container)
    {
        var output = new List<AdfNode>();
        if (container is not null)
        {
            RenderInlines(container, output, []);
        }

        // A paragraph of only spaces is an empty paragraph.
        return output.All(n => n.Type == "text" && string.IsNullOrWhiteSpace(n.Text)) ? [] : output;
    }

    private static void RenderInlines(ContainerInline container, List<AdfNode> output, List<AdfMark> marks)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    Append(output, literal.Content.ToString(), marks);
                    break;
                case CodeInline code:
                    var link = marks.FirstOrDefault(m => m.Type == "link");
                    Append(output, code.Content, link is null ? [AdfMark.Code] : [link, AdfMark.Code]);
                    break;
                case EmphasisInline emphasis:
                    AdfMark[] added = emphasis.DelimiterChar == '~'
                        ? [AdfMark.Strike]
                        : emphasis.DelimiterCount switch { >= 3 => [AdfMark.Strong, AdfMark.Em], 2 => [AdfMark.Strong], _ => [AdfMark.Em] };
                    RenderInlines(emphasis, output, [.. marks, .. added]);
                    break;
                case LinkInline { IsImage: true } image:
                    var alt = PlainText(image);
                    var imageText = alt.Length > 0 ? alt : image.Url ?? "image";
                    Append(output, imageText, SafeHref(image.Url) is { } imageHref ? [.. marks, AdfMark.Link(imageHref)] : marks);
                    break;
                case LinkInline linkInline:
                    var href = SafeHref(linkInline.Url);
                    var linkMarks = href is null ? marks : [.. marks.Where(m => m.Type != "link"), AdfMark.Link(href)];
                    var before = output.Count;
                    RenderInlines(linkInline, output, linkMarks);
                    if (output.Count == before && href is not null)
                    {
                        Append(output, linkInline.Url!, linkMarks);
                    }

                    break;
                case AutolinkInline autolink:
                    var target = SafeHref(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url);
                    Append(output, autolink.Url, target is null ? marks : [.. marks, AdfMark.Link(target)]);
                    break;
                case LineBreakInline { IsHard: true }:
                    output.Add(AdfNode.HardBreak());
                    break;
                case LineBreakInline:
                    Append(output, " ", marks);
                    break;
                case HtmlInline html:
                    Append(output, html.Tag, marks);
                    break;
                case HtmlEntityInline entity:
                    Append(output, entity.Transcoded.ToString(), marks);
                    break;
                case ContainerInline other:
                    RenderInlines(other, output, marks);
                    break;
                default:
                    Append(output, inline.ToString() ?? "", marks);
                    break;
            }
        }
    }

    private static string PlainText(ContainerInline container)
    {
        var text = new System.Text.StringBuilder();
        foreach (var inline in container.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal: text.Append(literal.Content.AsSpan()); break;
                case CodeInline code: text.Append(code.Content); break;
                case LineBreakInline: text.Append(' '); break;
            }
        }

        return text.ToString().Trim();
    }

    private static void Append(List<AdfNode> output, string text, IReadOnlyList<AdfMark> marks)
    {
        // Text nodes never carry a raw newline; a soft line break reads as a space.
        text = text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
        if (text.Length == 0)
        {
            return;
        }

        var applied = marks.Any(m => m.Type == "code") ? marks.Where(m => m.Type is "code" or "link").ToList() : marks;
        Append(output, AdfNode.TextNode(text, applied));
    }

    private static void Append(List<AdfNode> output, AdfNode node)
    {
        if (node.Type == "text" && output.Count > 0 && output[^1] is { Type: "text" } previous && SameMarks(previous.Marks, node.Marks))
        {
            output[^1] = previous.WithText(previous.Text + node.Text);
            return;
        }

        output.Add(node);
    }

    private static bool SameMarks(IReadOnlyList<AdfMark> left, IReadOnlyList<AdfMark> right) =>
        left.Count == right.Count && left.All(right.Contains);

    /// <summary>The link target if its scheme is http, https or mailto; null otherwise (javascript:, data:, relative...).</summary>
    internal static string? SafeHref(string? url)
    {
        var trimmed = url?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeMailto ? trimmed : null;
    }
}
