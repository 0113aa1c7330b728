using System.Net;
using System.Text;
using System.Text.Json;

namespace IssueSync.Admin.Contracts;

/// <summary>
/// The admin API answered with an error status (its RFC 7807 problem details are in <see cref="Title"/>,
/// <see cref="Detail"/> and <see cref="Errors"/>), or with a success whose body was not what the API promises.
/// </summary>
public sealed class AdminApiException : Exception
{
    public AdminApiException()
        : this(HttpStatusCode.InternalServerError, null, null, null, null)
    {
    }

    public AdminApiException(string message)
        : this(HttpStatusCode.InternalServerError, message, null, null, null)
    {
    }

    public AdminApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = HttpStatusCode.InternalServerError;
        Title = message;
        Errors = new Dictionary<string, IReadOnlyList<string>>();
    }

    public AdminApiException(
        HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, IReadOnlyList<string>>? errors, string? body, Exception? innerException = null)
        : base(Describe(status, title, detail), innerException)
    {
        Status = status;
        Title = title;
        Detail = detail;
        Errors = errors ?? new Dictionary<string, IReadOnlyList<string>>();
        Body = body;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem's <c>title</c>.</summary>
    public string? Title { get; }

    /// <summary>The problem's <c>detail</c>.</summary>
    public string? Detail { get; }

    /// <summary>The problem's per-field <c>errors</c> (field → messages); empty when there are none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    /// <summary>The answer's body as received.</summary>
    public string? Body { get; }

    /// <summary>Reads an error answer: problem details when the body is one, otherwise the status and the start of the body.</summary>
    public static AdminApiException FromResponse(HttpStatusCode status, string? reasonPhrase, string body)
    {
        string? title = null;
        string? detail = null;
        var errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = document.RootElement;
                title = StringProperty(root, "title");
                detail = StringProperty(root, "detail");
                if (root.TryGetProperty("errors", out var errorsElement))
                {
                    ReadErrors(errorsElement, errors);
                }
            }
        }
        catch (JsonException)
        {
            detail = string.IsNullOrWhiteSpace(body) ? null : Shorten(body.Trim(), 300);
        }

        return new AdminApiException(status, title ?? reasonPhrase, detail, errors, body);
    }

    private static void ReadErrors(JsonElement element, Dictionary<string, IReadOnlyList<string>> errors)
    {
        // ASP.NET Core's shape is {"field": ["message", …]}; [{"field","message"}] and {"field": "message"} are read too.
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                errors[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Array => [.. property.Value.EnumerateArray().Select(ToText)],
                    _ => [ToText(property.Value)],
                };
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                var field = item.ValueKind == JsonValueKind.Object ? StringProperty(item, "field") ?? "" : "";
                var message = item.ValueKind == JsonValueKind.Object ? StringProperty(item, "message") ?? item.GetRawText() : ToText(item);
                errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
            }
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? ToText(value) : null;

    private static string ToText(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();

    private static string Describe(HttpStatusCode status, string? title, string? detail)
    {
        var text = new StringBuilder();
        if ((int)status is >= 200 and < 300)
        {
            text.Append(title ?? "unexpected answer");
        }
        else
        {
            text.Append((int)status).Append(' ').Append(string.IsNullOrWhiteSpace(title) ? status.ToString() : title);
        }

        if (!string.IsNullOrWhiteSpace(detail) && detail != title)
        {
            // "Conflict: The command is Created." but "The request is not valid. Summary is required."
            text.Append(text[^1] is '.' or '!' or '?' ? " " : ": ").Append(detail);
        }

        return text.ToString();
    }

    internal static string Shorten(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
