using System.Text.Json.Nodes;

namespace IssueSync.Jira.Adf;

/// <summary>An ADF text mark: <c>strong</c>, <c>em</c>, <c>strike</c>, <c>underline</c>, <c>code</c> or <c>link</c>.</summary>
public sealed record AdfMark
{
    private AdfMark(string type, string? href)
    {
        Type = type;
        Href = href;
        var typeMember = AdfLength.Member("type", AdfLength.String(type));
        SerializedLength = href is null
            ? AdfLength.Object(typeMember)
            : AdfLength.Object(typeMember, AdfLength.Member("attrs", AdfLength.Object(AdfLength.Member("href", AdfLength.String(href)))));
    }

    /// <summary>The mark type.</summary>
    public string Type { get; }

    /// <summary>The link target, for <c>link</c> marks.</summary>
    public string? Href { get; }

    /// <summary>The mark's length as Jira counts it (see <see cref="AdfLength"/>).</summary>
    public int SerializedLength { get; }

    /// <summary>The JSON nesting of the mark: 1, or 2 for a link's attrs.</summary>
    internal int Depth => Href is null ? 1 : 2;

    /// <summary>Bold.</summary>
    public static AdfMark Strong { get; } = new("strong", null);

    /// <summary>Italic.</summary>
    public static AdfMark Em { get; } = new("em", null);

    /// <summary>Strikethrough.</summary>
    public static AdfMark Strike { get; } = new("strike", null);

    /// <summary>Underline.</summary>
    public static AdfMark Underline { get; } = new("underline", null);

    /// <summary>Inline code; combines only with <c>link</c>.</summary>
    public static AdfMark Code { get; } = new("code", null);

    /// <summary>A hyperlink.</summary>
    public static AdfMark Link(string href)
    {
        ArgumentException.ThrowIfNullOrEmpty(href);
        return new("link", href);
    }

    /// <summary>The mark as ADF JSON.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = Type };
        if (Href is not null)
        {
            json["attrs"] = new JsonObject { ["href"] = Href };
        }

        return json;
    }
}
