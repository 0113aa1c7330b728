using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IssueSync.Jira.Adf;

/// <summary>
/// A strict structural check of caller-supplied ADF against the rules of Atlassian's ADF schema, limited to the
/// nodes Jira issue fields support (paragraph, heading, lists, codeBlock, blockquote, panel, rule, table, the smart-link
/// cards blockCard and embedCard, and the inline text, hardBreak, mention, emoji, date, status, inlineCard). Unknown
/// keys, node types and marks are errors. Every URL (link marks, cards, URLs inside card data) must pass
/// <see cref="AdfUrl"/>. Before any rule runs, the document is checked without recursion to be at most
/// <see cref="AdfJson.MaxDepth"/> levels deep and at most <see cref="MaxValues"/> values large, so no input can
/// overflow the stack or make the check slow.
/// </summary>
public static partial class AdfValidator
{
    /// <summary>
    /// The most JSON values (objects, arrays, strings, numbers…) a document may have. Compact JSON spends at least
    /// two characters on each value with its separator, so no document within Jira's 32,767-character limit has more.
    /// </summary>
    public const int MaxValues = (AdfJson.MaxLength + 1) / 2;

    private static readonly string[] Inline = ["text", "hardBreak", "mention", "emoji", "date", "status", "inlineCard"];
    private static readonly string[] TopLevel = ["paragraph", "heading", "bulletList", "orderedList", "codeBlock", "blockquote", "panel", "rule", "table", "blockCard", "embedCard"];
    private static readonly string[] ListItemContent = ["paragraph", "bulletList", "orderedList", "codeBlock"];
    private static readonly string[] QuoteContent = ["paragraph", "bulletList", "orderedList", "codeBlock"];
    private static readonly string[] PanelContent = ["paragraph", "heading", "bulletList", "orderedList", "codeBlock", "rule", "blockCard"];
    private static readonly string[] CellContent = ["paragraph", "heading", "bulletList", "orderedList", "codeBlock", "blockquote", "rule", "panel", "blockCard", "embedCard"];
    private static readonly string[] Lists = ["listItem"];
    private static readonly string[] Rows = ["tableRow"];
    private static readonly string[] Cells = ["tableHeader", "tableCell"];
    private static readonly string[] CodeText = ["text"];

    private static readonly Attr LocalId = new("localId", IsString);
    private static readonly Attr[] CellAttrs =
        [new("colspan", IsNumber), new("rowspan", IsNumber), new("colwidth", IsNumberArray), new("background", IsString), new("valign", OneOf("top", "middle", "bottom")), LocalId];

    private static readonly Dictionary<string, NodeSpec> Nodes = new(StringComparer.Ordinal)
    {
        ["paragraph"] = new(Inline, MinItems: 0, [LocalId], BlockMarks: true),
        ["heading"] = new(Inline, MinItems: 0, [new("level", IsHeadingLevel, Required: true), LocalId], BlockMarks: true),
        ["bulletList"] = new(Lists, MinItems: 1, [LocalId]),
        ["orderedList"] = new(Lists, MinItems: 1, [new("order", IsNonNegativeNumber), LocalId]),
        ["listItem"] = new(ListItemContent, MinItems: 1, [LocalId]),
        ["codeBlock"] = new(CodeText, MinItems: 0, [new("language", IsString), new("uniqueId", IsString), LocalId]),
        ["blockquote"] = new(QuoteContent, MinItems: 1, [LocalId]),
        ["panel"] = new(PanelContent, MinItems: 1,
            [new("panelType", OneOf("info", "note", "tip", "warning", "error", "success", "custom"), Required: true),
             new("panelIcon", IsString), new("panelIconId", IsString), new("panelIconText", IsString), new("panelColor", IsString), LocalId]),
        ["rule"] = new(null, MinItems: 0, [LocalId]),
        ["table"] = new(Rows, MinItems: 1,
            [new("isNumberColumnEnabled", IsBool), new("layout", OneOf("wide", "full-width", "center", "align-end", "align-start", "default")),
             new("displayMode", OneOf("default", "fixed")), new("width", IsNumber), LocalId]),
        ["tableRow"] = new(Cells, MinItems: 1, [LocalId]),
        ["tableHeader"] = new(CellContent, MinItems: 1, CellAttrs),
        ["tableCell"] = new(CellContent, MinItems: 1, CellAttrs),
        ["hardBreak"] = new(null, MinItems: 0, [new("text", OneOf("\n")), LocalId]),
        ["mention"] = new(null, MinItems: 0,
            [new("id", IsString, Required: true), new("text", IsString), new("accessLevel", IsString), new("userType", OneOf("DEFAULT", "SPECIAL", "APP")), LocalId],
            Marks: true),
        ["emoji"] = new(null, MinItems: 0, [new("shortName", IsString, Required: true), new("id", IsString), new("text", IsString), LocalId], Marks: true),
        ["date"] = new(null, MinItems: 0, [new("timestamp", IsString, Required: true), LocalId], Marks: true),
        ["status"] = new(null, MinItems: 0,
            [new("text", IsString, Required: true), new("color", OneOf("neutral", "purple", "blue", "red", "yellow", "green"), Required: true), new("style", IsString), LocalId],
            Marks: true),
        ["inlineCard"] = new(null, MinItems: 0, [], AttrsRule: InlineCardAttrs),
        ["blockCard"] = new(null, MinItems: 0, [], AttrsRule: BlockCardAttrs),
        ["embedCard"] = new(null, MinItems: 0, [], AttrsRule: EmbedCardAttrs),
    };

    /// <summary>Validates a document; every broken rule is reported with its JSON path.</summary>
    public static AdfValidationResult Validate(JsonNode? document)
    {
        // Depth and size first, without recursion; the rules below recurse once per level, now at most MaxDepth.
        if (AdfShape.Check(document) is { } tooBig)
        {
            return new([tooBig]);
        }

        var errors = new List<AdfValidationError>();
        if (document is not JsonObject root)
        {
            errors.Add(new("doc", "an ADF document must be a JSON object"));
            return new(errors);
        }

        foreach (var key in root.Select(p => p.Key).Where(k => k is not ("version" or "type" or "content")))
        {
            errors.Add(new("doc", $"unknown property '{key}'"));
        }

        if (!IsInteger(root["version"], out var version) || version != 1)
        {
            errors.Add(new("version", "must be 1"));
        }

        if (Str(root["type"]) != "doc")
        {
            errors.Add(new("type", "must be \"doc\""));
        }

        if (root["content"] is JsonArray content)
        {
            for (var i = 0; i < content.Count; i++)
            {
                ValidateNode(content[i], $"content[{i}]", "doc", TopLevel, errors);
            }
        }
        else
        {
            errors.Add(new("content", "must be an array of blocks"));
        }

        return new(errors);
    }

    /// <summary>Validates a document given as JSON text; JSON nested deeper than <see cref="AdfJson.MaxDepth"/> is refused readably.</summary>
    public static AdfValidationResult Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            // Too deep is named as such (the parser would call it broken JSON, slowly); within the depth, parse.
            return AdfShape.CheckText(json) is { } tooDeep ? new([tooDeep]) : Validate(JsonNode.Parse(json));
        }
        catch (JsonException ex)
        {
            return new([new("doc", $"not valid JSON ({ex.Message})")]);
        }
    }

    /// <summary>
    /// Everything the worker checks on caller ADF before sending it, in one call: the rules of
    /// <see cref="Validate(JsonNode)"/> and the length as Jira counts it (<see cref="AdfLength.Measure"/>) against
    /// <paramref name="maxLength"/>.
    /// </summary>
    public static AdfCheckResult Check(JsonNode? document, int maxLength = AdfJson.MaxLength) =>
        new(Validate(document), AdfLength.Measure(document), maxLength);

    private static void ValidateNode(JsonNode? node, string path, string parentType, string[] allowed, List<AdfValidationError> errors)
    {
        if (node is not JsonObject obj)
        {
            errors.Add(new(path, "a node must be a JSON object"));
            return;
        }

        var type = Str(obj["type"]);
        if (type is null)
        {
            errors.Add(new(path, "node has no type"));
            return;
        }

        if (type != "text" && !Nodes.ContainsKey(type))
        {
            errors.Add(new(path, $"unknown or unsupported node type '{type}'"));
            return;
        }

        if (!allowed.Contains(type))
        {
            errors.Add(new(path, $"'{type}' is not allowed inside '{parentType}' (allowed: {string.Join(", ", allowed)})"));
            return;
        }

        if (type == "text")
        {
            ValidateText(obj, path, inCodeBlock: parentType == "codeBlock", errors);
            return;
        }

        var spec = Nodes[type];
        foreach (var key in obj.Select(p => p.Key))
        {
            var known = key is "type" or "attrs" || (key == "content" && spec.Children is not null) || (key == "marks" && (spec.BlockMarks || spec.Marks));
            if (!known)
            {
                errors.Add(new(path, $"unknown property '{key}' on {type}"));
            }
        }

        if (spec.AttrsRule is { } attrsRule)
        {
            attrsRule(obj["attrs"], $"{path}.attrs", errors);
        }
        else
        {
            ValidateAttrs(obj["attrs"], spec.Attrs, type, $"{path}.attrs", errors);
        }

        if (obj["marks"] is { } marks)
        {
            if (spec.BlockMarks)
            {
                ValidateBlockMarks(marks, $"{path}.marks", errors);
            }
            else if (spec.Marks)
            {
                ValidateInlineMarks(marks, $"{path}.marks", errors);
            }
        }

        if (spec.Children is null)
        {
            return;
        }

        var content = obj["content"];
        if (content is null)
        {
            if (spec.MinItems > 0)
            {
                errors.Add(new(path, $"{type} must contain at least one {Describe(spec.Children)}"));
            }

            return;
        }

        if (content is not JsonArray children)
        {
            errors.Add(new($"{path}.content", "must be an array"));
            return;
        }

        if (children.Count < spec.MinItems)
        {
            errors.Add(new(path, $"{type} must contain at least one {Describe(spec.Children)}"));
        }

        for (var i = 0; i < children.Count; i++)
        {
            ValidateNode(children[i], $"{path}.content[{i}]", type, spec.Children, errors);
        }
    }

    private static void ValidateText(JsonObject obj, string path, bool inCodeBlock, List<AdfValidationError> errors)
    {
        foreach (var key in obj.Select(p => p.Key).Where(k => k is not ("type" or "text" or "marks")))
        {
            errors.Add(new(path, $"unknown property '{key}' on text"));
        }

        if (obj["text"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(new(path, "text node needs a string text"));
        }
        else if (value.GetValue<string>().Length == 0)
        {
            errors.Add(new(path, "text node must not be empty"));
        }

        if (obj["marks"] is not { } marks)
        {
            return;
        }

        if (inCodeBlock)
        {
            if (marks is not JsonArray { Count: 0 })
            {
                errors.Add(new($"{path}.marks", "text inside a codeBlock must not have marks"));
            }

            return;
        }

        ValidateInlineMarks(marks, $"{path}.marks", errors);
    }

    private static void ValidateInlineMarks(JsonNode marks, string path, List<AdfValidationError> errors)
    {
        if (marks is not JsonArray array)
        {
            errors.Add(new(path, "must be an array"));
            return;
        }

        var types = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var markPath = $"{path}[{i}]";
            if (array[i] is not JsonObject mark || Str(mark["type"]) is not { } markType)
            {
                errors.Add(new(markPath, "a mark must be an object with a type"));
                continue;
            }

            if (types.Contains(markType))
            {
                errors.Add(new(markPath, $"mark '{markType}' appears twice"));
            }

            types.Add(markType);
            foreach (var key in mark.Select(p => p.Key).Where(k => k is not ("type" or "attrs")))
            {
                errors.Add(new(markPath, $"unknown property '{key}' on mark {markType}"));
            }

            switch (markType)
            {
                case "strong" or "em" or "strike" or "underline" or "code":
                    if (mark["attrs"] is not null)
                    {
                        errors.Add(new(markPath, $"mark '{markType}' takes no attrs"));
                    }

                    break;
                case "link":
                    ValidateAttrs(mark["attrs"], [new("href", IsSafeHref, Required: true), new("title", IsString), new("id", IsString), new("collection", IsString), new("occurrenceKey", IsString)], "link", $"{markPath}.attrs", errors);
                    break;
                case "textColor" or "backgroundColor":
                    ValidateAttrs(mark["attrs"], [new("color", IsHexColor, Required: true)], markType, $"{markPath}.attrs", errors);
                    break;
                case "subsup":
                    ValidateAttrs(mark["attrs"], [new("type", OneOf("sub", "sup"), Required: true)], markType, $"{markPath}.attrs", errors);
                    break;
                default:
                    errors.Add(new(markPath, $"unknown or unsupported mark '{markType}'"));
                    break;
            }
        }

        if (types.Contains("code") && types.FirstOrDefault(t => t is not ("code" or "link")) is { } other)
        {
            errors.Add(new(path, $"the code mark cannot be combined with '{other}' (only with link)"));
        }
    }

    private static void ValidateBlockMarks(JsonNode marks, string path, List<AdfValidationError> errors)
    {
        if (marks is not JsonArray array)
        {
            errors.Add(new(path, "must be an array"));
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var markPath = $"{path}[{i}]";
            switch (array[i] is JsonObject mark ? Str(mark["type"]) : null)
            {
                case "alignment":
                    ValidateAttrs(array[i]!["attrs"], [new("align", OneOf("center", "end"), Required: true)], "alignment", $"{markPath}.attrs", errors);
                    break;
                case "indentation":
                    ValidateAttrs(array[i]!["attrs"], [new("level", v => IsInteger(v, out var l) && l is >= 1 and <= 6 ? null : "must be an integer from 1 to 6", Required: true)], "indentation", $"{markPath}.attrs", errors);
                    break;
                case { } unknown:
                    errors.Add(new(markPath, $"unknown or unsupported block mark '{unknown}'"));
                    break;
                default:
                    errors.Add(new(markPath, "a mark must be an object with a type"));
                    break;
            }
        }
    }

    private static void ValidateAttrs(JsonNode? attrs, IReadOnlyList<Attr> spec, string owner, string path, List<AdfValidationError> errors)
    {
        if (attrs is null)
        {
            foreach (var required in spec.Where(a => a.Required))
            {
                errors.Add(new(path, $"{owner} needs attrs.{required.Name}"));
            }

            return;
        }

        if (attrs is not JsonObject obj)
        {
            errors.Add(new(path, "must be an object"));
            return;
        }

        foreach (var (key, value) in obj)
        {
            var attr = spec.FirstOrDefault(a => a.Name == key);
            if (attr is null)
            {
                errors.Add(new(path, $"unknown attribute '{key}' on {owner}"));
            }
            else if (attr.Deep is { } deep)
            {
                deep(value, $"{path}.{key}", errors);
            }
            else if (attr.Check?.Invoke(value) is { } problem)
            {
                errors.Add(new($"{path}.{key}", problem));
            }
        }

        foreach (var required in spec.Where(a => a.Required && !obj.ContainsKey(a.Name)))
        {
            errors.Add(new(path, $"{owner} needs attrs.{required.Name}"));
        }
    }

    private static string Describe(string[] children) => children.Length == 1 ? children[0] : "block";

    private static string? Str(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static bool IsInteger(JsonNode? node, out long number)
    {
        number = 0;
        return NumberOf(node) is { } d && d == Math.Floor(d) && (number = (long)d) == d;
    }

    // Works for parsed values and for values built in code (JsonValue of int, long, double...).
    private static double? NumberOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static string? IsString(JsonNode? node) => Str(node) is null ? "must be a string" : null;

    private static string? IsBool(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false";

    private static string? IsNumber(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? null : "must be a number";

    private static string? IsNonNegativeNumber(JsonNode? node) =>
        NumberOf(node) is >= 0 ? null : "must be a number ≥ 0";

    private static string? IsNumberArray(JsonNode? node) =>
        node is JsonArray a && a.All(i => IsNumber(i) is null) ? null : "must be an array of numbers";

    private static string? IsHeadingLevel(JsonNode? node) =>
        IsInteger(node, out var level) && level is >= 1 and <= 6 ? null : "heading level must be an integer from 1 to 6";

    private static string? IsHexColor(JsonNode? node) =>
        Str(node) is { } color && HexColor().IsMatch(color) ? null : "must be a colour like #ff5630";

    private static string? IsSafeHref(JsonNode? node) => Str(node) switch
    {
        null => "link href must be a string",
        var href when !AdfUrl.IsSafe(href) => $"link href '{href}' must be {AdfUrl.Rule}",
        _ => null,
    };

    private static Func<JsonNode?, string?> OneOf(params string[] values) =>
        node => Str(node) is { } s && values.Contains(s) ? null : $"must be one of {string.Join(", ", values.Select(v => v == "\n" ? "\"\\n\"" : v))}";

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();

    /// <summary>One attribute: a check of its value giving a problem or null, or a deep check adding errors itself.</summary>
    private sealed record Attr(string Name, Func<JsonNode?, string?>? Check, bool Required = false, Action<JsonNode?, string, List<AdfValidationError>>? Deep = null);

    /// <summary>A node type; <paramref name="AttrsRule"/>, when set, checks the attrs instead of <paramref name="Attrs"/>.</summary>
    private sealed record NodeSpec(string[]? Children, int MinItems, IReadOnlyList<Attr> Attrs, bool BlockMarks = false, bool Marks = false,
        Action<JsonNode?, string, List<AdfValidationError>>? AttrsRule = null);
}
