using System.Net;
using System.Text;

namespace IssueSync.Cli.Tests.Support;

/// <summary>One request the CLI sent, as the fake admin API received it.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? ApiKey, string? Body, string? ContentType)
{
    /// <summary>Path and query, e.g. <c>/admin/commands?state=Failed</c>.</summary>
    public string PathAndQuery => Uri.PathAndQuery;
}

/// <summary>
/// The admin API of docs/admin-api.md as an <see cref="HttpMessageHandler"/>: answers registered per method and
/// path-and-query, records every request, and fails the command on any request nobody registered.
/// </summary>
public sealed class FakeAdminApi : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, string PathAndQuery, Func<RecordedRequest, HttpResponseMessage> Answer)> _routes = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="pathAndQuery"/> with <paramref name="status"/> and a JSON body.</summary>
    public FakeAdminApi On(HttpMethod method, string pathAndQuery, HttpStatusCode status, string? json = null) =>
        On(method, pathAndQuery, _ => Json(status, json));

    /// <summary>Answers with what <paramref name="answer"/> returns for each request.</summary>
    public FakeAdminApi On(HttpMethod method, string pathAndQuery, Func<RecordedRequest, HttpResponseMessage> answer)
    {
        _routes.Add((method, pathAndQuery, answer));
        return this;
    }

    /// <summary>Answers an RFC 7807 problem.</summary>
    public FakeAdminApi OnProblem(HttpMethod method, string pathAndQuery, HttpStatusCode status, string title, string? detail = null, string? errorsJson = null) =>
        On(method, pathAndQuery, _ => Problem(status, title, detail, errorsJson));

    public static HttpResponseMessage Json(HttpStatusCode status, string? json)
    {
        var response = new HttpResponseMessage(status);
        if (json is not null)
        {
            response.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return response;
    }

    public static HttpResponseMessage Problem(HttpStatusCode status, string title, string? detail = null, string? errorsJson = null)
    {
        var body = new StringBuilder("{\"type\":\"about:blank\",\"title\":").Append(System.Text.Json.JsonSerializer.Serialize(title))
            .Append(",\"status\":").Append((int)status);
        if (detail is not null)
        {
            body.Append(",\"detail\":").Append(System.Text.Json.JsonSerializer.Serialize(detail));
        }

        if (errorsJson is not null)
        {
            body.Append(",\"errors\":").Append(errorsJson);
        }

        var response = new HttpResponseMessage(status) { Content = new StringContent(body.Append('}').ToString(), Encoding.UTF8, "application/problem+json") };
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.TryGetValues("X-Api-Key", out var keys) ? string.Join(",", keys) : null,
            body,
            request.Content?.Headers.ContentType?.MediaType);
        lock (_lock)
        {
            _requests.Add(recorded);
        }

        foreach (var (method, pathAndQuery, answer) in _routes)
        {
            if (method == request.Method && pathAndQuery == request.RequestUri!.PathAndQuery)
            {
                return answer(recorded);
            }
        }

        throw new InvalidOperationException($"Unexpected request {request.Method} {request.RequestUri!.PathAndQuery}");
    }
}

/// <summary>A handler that fails like a refused TCP connection (what SocketsHttpHandler throws).</summary>
public sealed class RefusingHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new HttpRequestException(
            HttpRequestError.ConnectionError,
            $"Connection refused ({request.RequestUri!.Host}:{request.RequestUri.Port})",
            new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
}

/// <summary>A handler whose requests time out the way HttpClient reports it.</summary>
public sealed class TimingOutHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException());
}
