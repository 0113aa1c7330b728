using System.Text.Json;
using System.Text.RegularExpressions;

namespace IssueSync.JiraSimulator.Api;

/// <summary>
/// Checks an ADF document as strictly as Jira (atlassian-api.md §6): the doc root, the node types Jira supports,
/// required attributes, no unknown keys, no empty text nodes, the mark rules (<c>code</c> combines only with
/// <c>link</c>; no marks in a <c>codeBlock</c>), and content models (lists need list items, etc.).
/// </summary>
internal static partial class AdfValidator
{
    private static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal)
    {
        "paragraph", "heading", "bulletList", "orderedList", "codeBlock", "blockquote", "panel", "rule", "table",
    };

    private static readonly HashSet<string> Inline = new(StringComparer.Ordinal)
    {
        "text", "hardBreak", "mention", "emoji", "date", "status", "inlineCard",
    };

    private static readonly HashSet<string> ListItemContent = new(StringComparer.Ordinal) { "paragraph", "bulletList", "orderedList", "codeBlock" };

    private static readonly HashSet<string> BlockquoteContent = new(StringComparer.Ordinal) { "paragraph", "bulletList", "orderedList", "codeBlock" };

    private static readonly HashSet<string> PanelContent = new(StringComparer.Ordinal) { "paragraph", "heading", "bulletList", "orderedList", "codeBlock", "rule" };

    private static readonly HashSet<string> CellContent = new(StringComparer.Ordinal)
    {
        "paragraph", "heading", "bulletList", "orderedList", "codeBlock", "blockquote", "panel", "rule",
    };

    private static readonly HashSet<string> PanelTypes = new(StringComparer.Ordinal) { "info", "note", "tip", "warning", "error", "success", "custom" };

    private static readonly HashSet<string> StatusColors = new(StringComparer.Ordinal) { "neutral", "purple", "blue", "red", "yellow", "green" };

    private static readonly HashSet<string> FormattingMarks = new(StringComparer.Ordinal)
    {
        "strong", "em", "strike", "underline", "code", "link", "textColor", "backgroundColor", "subsup",
    };

    /// <summary>True when <paramref name="doc"/> is a valid ADF document.</summary>
    public static bool IsValid(JsonElement doc)
    {
        if (doc.ValueKind != JsonValueKind.Object
            || !OnlyKeys(doc, "version", "type", "content")
            || !doc.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != 1
            || !IsType(doc, "doc")
            || !doc.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        return content.EnumerateArray().All(n => Block(n, TopLevel));
    }

    private static bool Block(JsonElement node, HashSet<string> allowed)
    {
        if (node.ValueKind != JsonValueKind.Object || !TryType(node, out var type) || !allowed.Contains(type))
        {
            return false;
        }

        return type switch
        {
            "paragraph" => OnlyKeys(node, "type", "content", "attrs", "marks")
                && Attrs(node, required: [], optional: ["localId"])
                && BlockMarks(node)
                && Children(node, minimum: 0, n => InlineNode(n, inCodeBlock: false)),
            "heading" => OnlyKeys(node, "type", "content", "attrs", "marks")
                && HeadingLevel(node)
                && BlockMarks(node)
                && Children(node, minimum: 0, n => InlineNode(n, inCodeBlock: false)),
            "bulletList" => OnlyKeys(node, "type", "content", "attrs")
                && Attrs(node, required: [], optional: ["localId"])
                && Children(node, minimum: 1, ListItem),
            "orderedList" => OnlyKeys(node, "type", "content", "attrs")
                && Attrs(node, required: [], optional: ["order", "localId"])
                && (!TryAttr(node, "order", out var order) || (order.ValueKind == JsonValueKind.Number && order.TryGetInt32(out var o) && o >= 0))
                && Children(node, minimum: 1, ListItem),
            "codeBlock" => OnlyKeys(node, "type", "content", "attrs")
                && Attrs(node, required: [], optional: ["language", "uniqueId", "localId"])
                && Children(node, minimum: 0, n => InlineNode(n, inCodeBlock: true)),
            "blockquote" => OnlyKeys(node, "type", "content", "attrs")
                && Attrs(node, required: [], optional: ["localId"])
                && Children(node, minimum: 1, n => Block(n, BlockquoteContent)),
            "panel" => OnlyKeys(node, "type", "content", "attrs")
                && Attrs(node, required: ["panelType"], optional: ["panelIcon", "panelIconId", "panelIconText", "panelColor", "localId"])
                && TryAttr(node, "panelType", out var panelType) && panelType.ValueKind == JsonValueKind.String && PanelTypes.Contains(panelType.GetString()!)
                && Children(node, minimum: 1, n => Block(n, PanelContent)),
            "rule" => OnlyKeys(node, "type", "attrs") && Attrs(node, required: [], optional: ["localId"]),
            "table" => OnlyKeys(node, "type", "content", "attrs", "marks")
                && Attrs(node, required: [], optional: ["isNumberColumnEnabled", "layout", "localId", "width", "displayMode"])
                && Children(node, minimum: 1, TableRow),
            _ => false,
        };
    }

    private static bool ListItem(JsonElement node) =>
        node.ValueKind == JsonValueKind.Object && IsType(node, "listItem")
        && OnlyKeys(node, "type", "content", "attrs")
        && Attrs(node, required: [], optional: ["localId"])
        && Children(node, minimum: 1, n => Block(n, ListItemContent));

    private static bool TableRow(JsonElement node) =>
        node.ValueKind == JsonValueKind.Object && IsType(node, "tableRow")
        && OnlyKeys(node, "type", "content", "attrs")
        && Attrs(node, required: [], optional: ["localId"])
        && Children(node, minimum: 1, TableCell);

    private static bool TableCell(JsonElement node) =>
        node.ValueKind == JsonValueKind.Object && (IsType(node, "tableCell") || IsType(node, "tableHeader"))
        && OnlyKeys(node, "type", "content", "attrs")
        && Attrs(node, required: [], optional: ["colspan", "rowspan", "colwidth", "background", "localId"])
        && Children(node, minimum: 1, n => Block(n, CellContent));

    private static bool InlineNode(JsonElement node, bool inCodeBlock)
    {
        if (node.ValueKind != JsonValueKind.Object || !TryType(node, out var type) || !Inline.Contains(type))
        {
            return false;
        }

        if (inCodeBlock && type != "text")
        {
            return false;
        }

        return type switch
        {
            "text" => OnlyKeys(node, "type", "text", "marks")
                && node.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString()!.Length >= 1
                && (inCodeBlock ? !node.TryGetProperty("marks", out _) : TextMarks(node)),
            "hardBreak" => OnlyKeys(node, "type", "attrs") && Attrs(node, required: [], optional: ["text", "localId"]),
            "mention" => OnlyKeys(node, "type", "attrs")
                && Attrs(node, required: ["id"], optional: ["text", "accessLevel", "userType", "localId"]) && StringAttr(node, "id"),
            "emoji" => OnlyKeys(node, "type", "attrs")
                && Attrs(node, required: ["shortName"], optional: ["id", "text", "localId"]) && StringAttr(node, "shortName"),
            "date" => OnlyKeys(node, "type", "attrs")
                && Attrs(node, required: ["timestamp"], optional: ["localId"]) && StringAttr(node, "timestamp"),
            "status" => OnlyKeys(node, "type", "attrs")
                && Attrs(node, required: ["text", "color"], optional: ["localId", "style"])
                && StringAttr(node, "text") && TryAttr(node, "color", out var color) && color.ValueKind == JsonValueKind.String && StatusColors.Contains(color.GetString()!),
            "inlineCard" => OnlyKeys(node, "type", "attrs")
                && Attrs(node, required: [], optional: ["url", "data", "localId"]) && (TryAttr(node, "url", out _) || TryAttr(node, "data", out _)),
            _ => false,
        };
    }

    private static bool TextMarks(JsonElement node)
    {
        if (!node.TryGetProperty("marks", out var marks))
        {
            return true;
        }

        if (marks.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mark in marks.EnumerateArray())
        {
            if (mark.ValueKind != JsonValueKind.Object || !TryType(mark, out var type) || !FormattingMarks.Contains(type) || !seen.Add(type))
            {
                return false;
            }

            var ok = type switch
            {
                "strong" or "em" or "strike" or "underline" or "code" => OnlyKeys(mark, "type"),
                "link" => OnlyKeys(mark, "type", "attrs")
                    && Attrs(mark, required: ["href"], optional: ["title", "id", "collection", "occurrenceKey", "localId"]) && StringAttr(mark, "href"),
                "textColor" or "backgroundColor" => OnlyKeys(mark, "type", "attrs")
                    && Attrs(mark, required: ["color"], optional: []) && TryAttr(mark, "color", out var c) && c.ValueKind == JsonValueKind.String && HexColor().IsMatch(c.GetString()!),
                "subsup" => OnlyKeys(mark, "type", "attrs")
                    && Attrs(mark, required: ["type"], optional: []) && TryAttr(mark, "type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is "sub" or "sup",
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        // "code" may be combined with "link" only.
        return !seen.Contains("code") || seen.All(m => m is "code" or "link");
    }

    private static bool BlockMarks(JsonElement node)
    {
        if (!node.TryGetProperty("marks", out var marks))
        {
            return true;
        }

        if (marks.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var mark in marks.EnumerateArray())
        {
            if (mark.ValueKind != JsonValueKind.Object || !TryType(mark, out var type) || !OnlyKeys(mark, "type", "attrs"))
            {
                return false;
            }

            var ok = type switch
            {
                "alignment" => Attrs(mark, required: ["align"], optional: []) && TryAttr(mark, "align", out var a) && a.GetString() is "center" or "end",
                "indentation" => Attrs(mark, required: ["level"], optional: []) && TryAttr(mark, "level", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var level) && level is >= 1 and <= 6,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool HeadingLevel(JsonElement node) =>
        Attrs(node, required: ["level"], optional: ["localId"])
        && TryAttr(node, "level", out var level) && level.ValueKind == JsonValueKind.Number && level.TryGetInt32(out var l) && l is >= 1 and <= 6;

    private static bool Children(JsonElement node, int minimum, Func<JsonElement, bool> check)
    {
        if (!node.TryGetProperty("content", out var content))
        {
            return minimum == 0;
        }

        if (content.ValueKind != JsonValueKind.Array || content.GetArrayLength() < minimum)
        {
            return false;
        }

        return content.EnumerateArray().All(check);
    }

    /// <summary>Attributes: an object holding every required key and nothing outside required ∪ optional.</summary>
    private static bool Attrs(JsonElement node, string[] required, string[] optional)
    {
        if (!node.TryGetProperty("attrs", out var attrs))
        {
            return required.Length == 0;
        }

        if (attrs.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in attrs.EnumerateObject())
        {
            if (!required.Contains(property.Name, StringComparer.Ordinal) && !optional.Contains(property.Name, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return required.All(r => attrs.TryGetProperty(r, out var value) && value.ValueKind != JsonValueKind.Null);
    }

    private static bool StringAttr(JsonElement node, string name) =>
        TryAttr(node, name, out var value) && value.ValueKind == JsonValueKind.String;

    private static bool TryAttr(JsonElement node, string name, out JsonElement value)
    {
        value = default;
        return node.TryGetProperty("attrs", out var attrs) && attrs.ValueKind == JsonValueKind.Object && attrs.TryGetProperty(name, out value);
    }

    private static bool OnlyKeys(JsonElement node, params string[] keys) =>
        node.EnumerateObject().All(p => keys.Contains(p.Name, StringComparer.Ordinal));

    private static bool TryType(JsonElement node, out string type)
    {
        type = "";
        if (node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String)
        {
            type = t.GetString()!;
            return true;
        }

        return false;
    }

    private static bool IsType(JsonElement node, string type) => TryType(node, out var t) && t == type;

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
