using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IssueSync.Jira.Adf;

/// <summary>
/// The smart-link cards, as the vendored schema (adf-schema 57.7.22) defines them. <c>inlineCard</c> has either a
/// <c>url</c> or a <c>data</c>; <c>blockCard</c> has a <c>url</c>, a <c>data</c>, or a <c>datasource</c> (with an
/// optional url, width and layout); <c>embedCard</c> has a <c>url</c> and a <c>layout</c>. Every card url passes
/// <see cref="AdfUrl"/>, like a link mark's href. The schema leaves <c>data</c> (a JSON-LD description of the link)
/// and a datasource's <c>parameters</c> and view <c>properties</c> free; IssueSync requires <c>data</c> to be an
/// object and checks every URL inside these free parts with the same rule (<see cref="CheckUrlsInside"/>).
/// </summary>
public static partial class AdfValidator
{
    private static readonly string[] CardLayouts = ["wide", "full-width", "center", "wrap-right", "wrap-left", "align-end", "align-start"];

    private static void InlineCardAttrs(JsonNode? attrs, string path, List<AdfValidationError> errors)
    {
        if (CardAttrs(attrs, "inlineCard", path, errors) is not { } card)
        {
            return;
        }

        UrlOrData(card, "inlineCard", path, errors);
        ValidateAttrs(card, [CardUrl(), CardData(), LocalId], "inlineCard", path, errors);
    }

    private static void BlockCardAttrs(JsonNode? attrs, string path, List<AdfValidationError> errors)
    {
        if (CardAttrs(attrs, "blockCard", path, errors) is not { } card)
        {
            return;
        }

        if (card.ContainsKey("datasource"))
        {
            ValidateAttrs(card,
                [new("datasource", null, Required: true, Deep: CheckDatasource), CardUrl(), new("width", IsNumber), new("layout", OneOf(CardLayouts)), LocalId],
                "blockCard", path, errors);
            return;
        }

        if (!card.ContainsKey("url") && !card.ContainsKey("data"))
        {
            errors.Add(new(path, "blockCard needs attrs.url, attrs.data or attrs.datasource"));
        }
        else
        {
            UrlOrData(card, "blockCard", path, errors);
        }

        ValidateAttrs(card, [CardUrl(), CardData(), LocalId], "blockCard", path, errors);
    }

    private static void EmbedCardAttrs(JsonNode? attrs, string path, List<AdfValidationError> errors)
    {
        if (CardAttrs(attrs, "embedCard", path, errors) is { } card)
        {
            ValidateAttrs(card,
                [CardUrl(required: true), new("layout", OneOf(CardLayouts), Required: true), new("width", IsPercentage),
                 new("originalHeight", IsNumber), new("originalWidth", IsNumber), LocalId],
                "embedCard", path, errors);
        }
    }

    private static JsonObject? CardAttrs(JsonNode? attrs, string type, string path, List<AdfValidationError> errors)
    {
        if (attrs is JsonObject card)
        {
            return card;
        }

        errors.Add(new(path, attrs is null ? $"{type} needs attrs" : "must be an object"));
        return null;
    }

    private static void UrlOrData(JsonObject card, string type, string path, List<AdfValidationError> errors)
    {
        var hasUrl = card.ContainsKey("url");
        var hasData = card.ContainsKey("data");
        if (hasUrl && hasData)
        {
            errors.Add(new(path, $"{type} takes attrs.url or attrs.data, not both"));
        }
        else if (!hasUrl && !hasData)
        {
            errors.Add(new(path, $"{type} needs attrs.url or attrs.data"));
        }
    }

    private static Attr CardUrl(bool required = false) => new("url", IsSafeCardUrl, Required: required);

    private static Attr CardData() => new("data", null, Deep: CheckCardData);

    private static string? IsSafeCardUrl(JsonNode? node) => Str(node) switch
    {
        null => "card url must be a string",
        var url when !AdfUrl.IsSafe(url) => $"card url '{url}' must be {AdfUrl.Rule}",
        _ => null,
    };

    private static string? IsPercentage(JsonNode? node) => NumberOf(node) is >= 0 and <= 100 ? null : "must be a number from 0 to 100";

    private static void CheckCardData(JsonNode? data, string path, List<AdfValidationError> errors)
    {
        if (data is not JsonObject)
        {
            errors.Add(new(path, "card data must be a JSON-LD object"));
            return;
        }

        CheckUrlsInside(data, path, errors);
    }

    // {"id": string, "parameters": any, "views": [{"type": string, "properties": any}, ...at least one]}
    private static void CheckDatasource(JsonNode? datasource, string path, List<AdfValidationError> errors)
    {
        ValidateAttrs(datasource,
            [new("id", IsString, Required: true), new("parameters", null, Required: true, Deep: CheckUrlsInside), new("views", null, Required: true, Deep: CheckViews)],
            "datasource", path, errors);
    }

    private static void CheckViews(JsonNode? views, string path, List<AdfValidationError> errors)
    {
        if (views is not JsonArray { Count: > 0 } array)
        {
            errors.Add(new(path, "must be an array of at least one view"));
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            ValidateAttrs(array[i], [new("type", IsString, Required: true), new("properties", null, Deep: CheckUrlsInside)], "view", $"{path}[{i}]", errors);
        }
    }

    /// <summary>
    /// In free-form JSON, a string is a URL when its property's name says so (<c>url</c>, <c>href</c>, <c>src</c>,
    /// <c>link</c>, or a name ending in Url, Uri, Href or Link, in any case; array items take their array's name) or
    /// when it starts with a scheme and <c>://</c>. Every such URL must pass <see cref="AdfUrl"/>. Walks without
    /// recursion.
    /// </summary>
    private static void CheckUrlsInside(JsonNode? root, string path, List<AdfValidationError> errors)
    {
        var pending = new Stack<(JsonNode? Node, string Path, bool NamedUrl)>();
        pending.Push((root, path, false));
        while (pending.TryPop(out var item))
        {
            switch (item.Node)
            {
                case JsonObject obj:
                    for (var i = obj.Count - 1; i >= 0; i--)
                    {
                        var (key, value) = obj.GetAt(i);
                        pending.Push((value, $"{item.Path}.{key}", IsUrlName(key)));
                    }

                    break;
                case JsonArray array:
                    for (var i = array.Count - 1; i >= 0; i--)
                    {
                        pending.Push((array[i], $"{item.Path}[{i}]", item.NamedUrl));
                    }

                    break;
                default:
                    if (Str(item.Node) is { } text && (item.NamedUrl || SchemeAndAuthority().IsMatch(text)) && !AdfUrl.IsSafe(text))
                    {
                        errors.Add(new(item.Path, $"card data url '{text}' must be {AdfUrl.Rule}"));
                    }

                    break;
            }
        }
    }

    private static bool IsUrlName(string name) =>
        name.Equals("src", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("url", StringComparison.OrdinalIgnoreCase) || name.EndsWith("uri", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("href", StringComparison.OrdinalIgnoreCase) || name.EndsWith("link", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^\\s*[A-Za-z][A-Za-z0-9+.-]*://")]
    private static partial Regex SchemeAndAuthority();
}
