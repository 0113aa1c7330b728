using System.Globalization;

namespace IssueSync.Jira.Adf;

/// <summary>
/// Cuts a document to a size limit at block and text boundaries and appends a visible marker. Every node knows its
/// length (<see cref="AdfNode.SerializedLength"/>), so this is one pass over the kept nodes, without serializing.
/// </summary>
internal static class AdfTruncator
{
    /// <param name="document">The document to cut.</param>
    /// <param name="limit">The largest <see cref="AdfDocument.SerializedLength"/> allowed.</param>
    /// <param name="omittedBefore">Characters already dropped (Markdown cut before parsing), counted in the marker.</param>
    public static (AdfDocument Document, int OmittedCharacters) Truncate(AdfDocument document, int limit, int omittedBefore = 0)
    {
        var originalChars = document.TextLength + omittedBefore;
        var emptyDocSize = new AdfDocument([]).SerializedLength;

        // Reserve room for the marker with the largest count it can show, plus the comma before it.
        var reserve = Marker(originalChars).SerializedLength + 1;
        var kept = Fit(document.Content, limit - emptyDocSize - reserve);
        var omitted = originalChars - kept.Sum(n => n.TextLength);
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
            if (used + separator + node.SerializedLength <= budget)
            {
                kept.Add(node);
                used += separator + node.SerializedLength;
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

    // Recurses once per level of the node, which AdfNode keeps within AdfJson.MaxDepth.
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
        var children = Fit(node.Content, budget - shell.SerializedLength);
        return children.Count == 0 ? null : node.WithContent(children);
    }

    // The node's length less its text is fixed, so the longest text that fits is plain arithmetic.
    private static AdfNode? ShrinkText(AdfNode node, int budget)
    {
        var text = node.Text!;
        var room = budget - (node.SerializedLength - text.Length);
        var cut = Cut(text, Math.Clamp(room, 0, text.Length - 1));
        return cut.Length > 0 ? node.WithText(cut) : null;
    }

    // Never split a surrogate pair.
    private static string Cut(string text, int length) =>
        length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
}
