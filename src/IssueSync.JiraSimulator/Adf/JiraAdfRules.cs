using System.Text.Json;

namespace IssueSync.JiraSimulator.Adf;

/// <summary>
/// What the simulator refuses in a schema-valid ADF document, beyond the schema (a short, documented list):
/// <list type="number">
/// <item>Node and mark types outside the set Jira issue fields render (docs/atlassian-api.md §6: support for the rest
/// — media, expand, task and decision lists, layouts, extensions, cards other than inlineCard… — is UNCONFIRMED, so
/// the simulator errs on strict). The same set the client library limits itself to.</item>
/// <item>Link targets (<c>link</c> mark <c>href</c>, <c>inlineCard</c> <c>url</c>) other than absolute <c>http</c>,
/// <c>https</c> or <c>mailto</c> URLs: no <c>javascript:</c>, <c>data:</c>, <c>vbscript:</c>, <c>file:</c> or relative
/// targets (docs/architecture.md: ADF links are restricted to safe schemes).</item>
/// <item>The same mark type twice on one node (ProseMirror, which ADF is built on, excludes a mark of the same type by
/// default).</item>
/// </list>
/// Expects a document the schema accepted (shapes are not re-checked).
/// </summary>
internal static class JiraAdfRules
{
    private static readonly HashSet<string> Nodes = new(StringComparer.Ordinal)
    {
        "doc", "paragraph", "heading", "bulletList", "orderedList", "listItem", "codeBlock", "blockquote", "panel", "rule",
        "table", "tableRow", "tableHeader", "tableCell", "text", "hardBreak", "mention", "emoji", "date", "status", "inlineCard",
    };

    private static readonly HashSet<string> Marks = new(StringComparer.Ordinal)
    {
        "strong", "em", "strike", "underline", "code", "link", "textColor", "backgroundColor", "subsup", "alignment", "indentation",
    };

    private static readonly HashSet<string> SafeSchemes = new(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" };

    public static bool Accept(JsonElement node)
    {
        if (!node.TryGetProperty("type", out var type) || !Nodes.Contains(type.GetString()!))
        {
            return false;
        }

        if (type.GetString() == "inlineCard" && node.TryGetProperty("attrs", out var attrs)
            && attrs.TryGetProperty("url", out var url) && !IsSafeLink(url.GetString()!))
        {
            return false;
        }

        if (node.TryGetProperty("marks", out var marks) && !AcceptMarks(marks))
        {
            return false;
        }

        return !node.TryGetProperty("content", out var content) || content.EnumerateArray().All(Accept);
    }

    private static bool AcceptMarks(JsonElement marks)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mark in marks.EnumerateArray())
        {
            var type = mark.GetProperty("type").GetString()!;
            if (!Marks.Contains(type) || !seen.Add(type))
            {
                return false;
            }

            if (type == "link" && !IsSafeLink(mark.GetProperty("attrs").GetProperty("href").GetString()!))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSafeLink(string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) && SafeSchemes.Contains(uri.Scheme);
}
