using System.Net;
using System.Text;

namespace IssueSync.Jira.Tests.Support;

/// <summary>An HttpMessageHandler at the wire: records every request and answers with a scripted responder.</summary>
internal sealed class FakeHttpHandler(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> responder) : HttpMessageHandler
{
    public FakeHttpHandler(Func<RecordedRequest, HttpResponseMessage> responder)
        : this((request, _) => Task.FromResult(responder(request)))
    {
    }

    public List<RecordedRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method, request.RequestUri!, body, request.Headers.Authorization?.ToString(), request.Content?.Headers.ContentType?.MediaType);
        Requests.Add(recorded);
        return await responder(recorded, cancellationToken);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static HttpResponseMessage Json(int status, string json, params (string Name, string Value)[] headers) =>
        Json((HttpStatusCode)status, json, headers);
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Body, string? Authorization, string? ContentType);
