using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IssueSync.JiraSimulator.Api;

/// <summary>A response computed by a handler; written by the pipeline (which may still replace it by a fault).</summary>
internal sealed class SimResponse
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public required int Status { get; init; }

    public object? Body { get; init; }

    /// <summary>A non-JSON body (HTML pages), written with <see cref="ContentType"/>.</summary>
    public string? Text { get; init; }

    public string ContentType { get; init; } = "application/json;charset=UTF-8";

    public string? Location { get; init; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra global-quota points (objects returned by a read).</summary>
    public int ExtraQuotaPoints { get; init; }

    public bool IsSuccess => Status is >= 200 and < 400;

    public static SimResponse Ok(object body, int extraPoints = 0) => new() { Status = 200, Body = body, ExtraQuotaPoints = extraPoints };

    public static SimResponse JsonBody(int status, object? body) => new() { Status = status, Body = body };

    public static SimResponse Redirect(string location) => new() { Status = 302, Location = location };

    /// <summary>Jira's ErrorCollection: <c>{"errorMessages":[...],"errors":{...}}</c>.</summary>
    public static SimResponse Errors(int status, IEnumerable<string>? messages = null, IReadOnlyDictionary<string, string>? errors = null) =>
        JsonBody(status, new { errorMessages = messages?.ToArray() ?? [], errors = errors ?? new Dictionary<string, string>() });

    public static SimResponse FieldError(string field, string message) =>
        Errors(400, errors: new Dictionary<string, string> { [field] = message });

    /// <summary>An HTML page, as browsers (and CloudFront) get them.</summary>
    public static SimResponse Html(int status, string html) =>
        new() { Status = status, Text = html, ContentType = "text/html;charset=UTF-8" };

    /// <summary>The API gateway's 401 (bad, expired or revoked token; unmatched route; trailing slash).</summary>
    public static SimResponse GatewayUnauthorized() =>
        JsonBody(401, new { code = 401, message = "Unauthorized; scope does not match" });

    public async Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = Status;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (Text is not null)
        {
            response.ContentType = ContentType;
            await response.WriteAsync(Text, context.RequestAborted);
        }
        else if (Body is not null)
        {
            await response.WriteAsJsonAsync(Body, Body.GetType(), Json, contentType: ContentType, context.RequestAborted);
        }
    }
}
