using System.Net.Http.Headers;

namespace IssueSync.Jira.Http;

/// <summary>A response that arrived: status, the headers the classifiers read, and the body as text.</summary>
internal sealed record HttpReply(int StatusCode, HttpResponseHeaders Headers, string Body)
{
    public bool IsSuccess => StatusCode is >= 200 and <= 299;

    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
