using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace IssueSync.Jira.Http;

/// <summary>
/// Sends one request with a per-request timeout and turns every way it can end into an <see cref="HttpExchange"/>.
/// Caller cancellation is never swallowed: it surfaces as <see cref="OperationCanceledException"/>.
/// Logs method, route template, status and duration only (successes at Debug, refusals at Information): never URLs
/// with queries, headers or bodies.
/// </summary>
internal sealed partial class AtlassianHttp(HttpClient client, TimeProvider time, ILogger logger)
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The request owns the content and is disposed here.")]
    public async Task<HttpExchange> SendAsync(
        HttpMethod method, Uri url, string route, string? bearerToken, HttpContent? content, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        using var timeoutCts = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        var started = time.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            var elapsed = Elapsed(started);
            var status = (int)response.StatusCode;
            // A success is the hot path (one per create): the request metrics count it, the log only when asked for.
            LogResponse(logger, status < 400 ? LogLevel.Debug : LogLevel.Information, method.Method, route, status, elapsed);
            return new HttpExchange(new HttpReply((int)response.StatusCode, response.Headers, body), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return Fail(method, route, started, TransportFailureKind.Timeout, $"no response within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError)
        {
            return Fail(method, route, started, TransportFailureKind.NotSent, $"could not connect ({ex.HttpRequestError})");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException)
        {
            return Fail(method, route, started, TransportFailureKind.Interrupted, $"the connection failed ({Describe(ex)})");
        }
    }

    private HttpExchange Fail(HttpMethod method, string route, long started, TransportFailureKind kind, string message)
    {
        var elapsed = Elapsed(started);
        LogTransportFailure(logger, method.Method, route, kind, elapsed);
        return new HttpExchange(null, new TransportFailure(kind, message));
    }

    // Exception messages from the socket stack name hosts, not paths or queries; the type is enough to tell failures apart.
    private static string Describe(Exception ex) => ex is HttpRequestException h ? $"{ex.GetType().Name}, {h.HttpRequestError}" : ex.GetType().Name;

    private long Elapsed(long started) => (long)time.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(EventId = 4100, Message = "Atlassian {Method} {Route} answered {StatusCode} in {ElapsedMs} ms")]
    private static partial void LogResponse(ILogger logger, LogLevel level, string method, string route, int statusCode, long elapsedMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Atlassian {Method} {Route} got no response ({Failure}) after {ElapsedMs} ms")]
    private static partial void LogTransportFailure(ILogger logger, string method, string route, TransportFailureKind failure, long elapsedMs);
}
