using System.Globalization;

namespace IssueSync.Jira.Adf;

/// <summary>Cuts a document to a size limit at block and text boundaries and appends a visible marker.</summary>
internal static class AdfTruncator
{
    public static (AdfDocument Document, int OmittedCharacters) Truncate(AdfDocument document, int limit)
    {
        var originalChars = TextLength(document.Content);
        var emptyDocSize = new AdfDocument([]).SerializedLength;

        // Reserve room for the marker with the largest count it can show, plus the comma before it.
        var reserve = Size(Marker(originalChars)) + 1;
        var kept = Fit(document.Content, limit - emptyDocSize - reserve);
        var omitted = originalChars - TextLength(kept);
        var result = new AdfDocument([.. kept, Marker(omitted)]);
        return result.SerializedLength <= limit
            ? (result, omitted)
            : throw new InvalidOperationException("The truncated description still exceeds the limit.");
    }

    internal static AdfNode Marker(int omittedCharacters) => AdfNode.Paragraph(
        [AdfNode.TextNode(string.Create(CultureInfo.InvariantCulture, $"… (description truncated by IssueSync: {omittedCharacters:N0} characters omitted)"), AdfMark.Em)]);

    private static List<AdfNode> Fit(IReadOnlyList<AdfNode> nodes, int budget)
    {
        var kept = new List<AdfNode>();
        var used = 0;
        foreach (var node in nodes)
        {
            var separator = kept.Count > 0 ? 1 : 0;
            var size = Size(node);
            if (used + separator + size <= budget)
            {
                kept.Add(node);
                used += separator + size;
                continue;
            }

            if (Shrink(node, budget - used - separator) is { } partial)
            {
                kept.Add(partial);
            }

            break;
        }

        return kept;
    }

    private static AdfNode? Shrink(AdfNode node, int budget)
    {
        if (budget <= 0)
        {
            return null;
        }

        if (node.Type == "text")
        {
            return ShrinkText(node, budget);
        }

        // Rows stay whole so a table never turns ragged; leaves (rule, hardBreak) either fit or go.
        if (node.Content is null || node.Type == "tableRow")
        {
            return null;
        }

        var shell = node.WithContent([]);
        var children = Fit(node.Content, budget - Size(shell));
        return children.Count == 0 ? null : node.WithContent(children);
    }

    private static AdfNode? ShrinkText(AdfNode node, int budget)
    {
        var text = node.Text!;
        int low = 0, high = text.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Size(node.WithText(Cut(text, mid))) <= budget)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        var cut = Cut(text, low);
        return cut.Length > 0 && Size(node.WithText(cut)) <= budget ? node.WithText(cut) : null;
    }

    // Never split a surrogate pair.
    private static string Cut(string text, int length) =>
        length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];

    private static int Size(AdfNode node) => node.ToJson().ToJsonString(AdfJson.SerializerOptions).Length;

    private static int TextLength(IEnumerable<AdfNode> nodes) =>
        nodes.Sum(n => (n.Text?.Length ?? 0) + (n.Content is null ? 0 : TextLength(n.Content)));
}
