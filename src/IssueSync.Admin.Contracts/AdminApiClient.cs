using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IssueSync.Contracts;

namespace IssueSync.Admin.Contracts;

/// <summary>
/// A typed client of the worker's admin API (docs/admin-api.md): one method per endpoint. Every request carries
/// <c>X-Api-Key</c>. An error status becomes an <see cref="AdminApiException"/> with the problem details; a
/// network failure stays an <see cref="HttpRequestException"/>.
/// </summary>
public sealed class AdminApiClient
{
    /// <summary>The header that carries the API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The JSON options of the API: camelCase; in requests, what was not set (null, false, 0) is left out.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    private readonly HttpClient _http;
    private readonly Uri _baseUrl;
    private readonly string? _apiKey;

    /// <param name="http">The HTTP client (its base address is not used).</param>
    /// <param name="baseUrl">The worker, e.g. <c>http://localhost:5080</c>; a path prefix is kept.</param>
    /// <param name="apiKey">The admin API key; no header is sent when null or empty.</param>
    public AdminApiClient(HttpClient http, Uri baseUrl, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The base URL must be absolute.", nameof(baseUrl));
        }

        _http = http;
        _baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
    }

    /// <summary>The worker's base URL.</summary>
    public Uri BaseUrl => _baseUrl;

    // Connections

    /// <summary><c>GET /admin/connections</c>.</summary>
    public Task<ApiResponse<IReadOnlyList<ConnectionView>>> ListConnectionsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<ConnectionView>>(HttpMethod.Get, "admin/connections", null, cancellationToken);

    /// <summary><c>GET /admin/connections/{name}</c>.</summary>
    public Task<ApiResponse<ConnectionView>> GetConnectionAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync<ConnectionView>(HttpMethod.Get, $"admin/connections/{Segment(name)}", null, cancellationToken);

    /// <summary><c>POST /admin/connections</c>: the new connection and the authorize URL to open.</summary>
    public Task<ApiResponse<CreatedConnectionView>> CreateConnectionAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync<CreatedConnectionView>(HttpMethod.Post, "admin/connections", new NewConnectionRequest(name), cancellationToken);

    /// <summary><c>POST /admin/connections/{name}/authorize</c>: a new authorize URL (reconnect).</summary>
    public Task<ApiResponse<AuthorizeLink>> AuthorizeConnectionAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync<AuthorizeLink>(HttpMethod.Post, $"admin/connections/{Segment(name)}/authorize", null, cancellationToken);

    /// <summary><c>PUT /admin/connections/{name}/site</c>: <paramref name="site"/> is a cloud id or a site URL.</summary>
    public Task<ApiResponse<ConnectionView>> ChooseSiteAsync(string name, string site, CancellationToken cancellationToken = default) =>
        SendAsync<ConnectionView>(HttpMethod.Put, $"admin/connections/{Segment(name)}/site", new ChooseSiteRequest(site), cancellationToken);

    /// <summary>Binds the connection to the account that reconnected it (<paramref name="accountId"/> must be the held one).</summary>
    public Task<ApiResponse<ConnectionView>> ConfirmAccountAsync(string name, string accountId, CancellationToken cancellationToken = default) =>
        SendAsync<ConnectionView>(HttpMethod.Post, $"admin/connections/{Segment(name)}/account/confirm", new ConfirmAccountRequest(accountId), cancellationToken);

    /// <summary>Refuses the account that reconnected the connection: its tokens are erased.</summary>
    public Task<ApiResponse<ConnectionView>> RefuseAccountAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync<ConnectionView>(HttpMethod.Post, $"admin/connections/{Segment(name)}/account/refuse", null, cancellationToken);

    /// <summary><c>DELETE /admin/connections/{name}</c>: tokens are erased, the status becomes <c>Disconnected</c>.</summary>
    public async Task DisconnectAsync(string name, CancellationToken cancellationToken = default) =>
        await SendForJsonAsync(HttpMethod.Delete, $"admin/connections/{Segment(name)}", null, cancellationToken);

    // Commands

    /// <summary><c>POST /admin/commands</c> with one command.</summary>
    public Task<ApiResponse<PublishResult>> PublishAsync(CreateIssue command, CancellationToken cancellationToken = default) =>
        SendAsync<PublishResult>(HttpMethod.Post, "admin/commands", command, cancellationToken);

    /// <summary><c>POST /admin/commands</c> with an array of commands, each sent as given.</summary>
    public Task<ApiResponse<PublishResult>> PublishBatchAsync(IReadOnlyList<JsonElement> commands, CancellationToken cancellationToken = default) =>
        SendAsync<PublishResult>(HttpMethod.Post, "admin/commands", commands, cancellationToken);

    /// <summary><c>GET /admin/commands</c>, newest first.</summary>
    public Task<ApiResponse<PagedList<CommandSummary>>> ListCommandsAsync(CommandQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = "admin/commands" + Query(
            ("state", query.State), ("connection", query.Connection), ("reason", query.Reason),
            ("since", Time(query.Since)), ("until", Time(query.Until)), ("page", Number(query.Page)), ("pageSize", Number(query.PageSize)));
        return SendAsync<PagedList<CommandSummary>>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary><c>GET /admin/commands/{id}</c>: by command id, a unique prefix of it, or the idempotency key.</summary>
    public Task<ApiResponse<CommandDetail>> GetCommandAsync(string idOrKey, CancellationToken cancellationToken = default) =>
        SendAsync<CommandDetail>(HttpMethod.Get, $"admin/commands/{Segment(idOrKey)}", null, cancellationToken);

    /// <summary><c>POST /admin/commands/{id}/retry</c>: <c>409</c> unless the command is Failed, Parked or Discarded.</summary>
    public Task<ApiResponse<CommandSummary>> RetryCommandAsync(string idOrKey, CancellationToken cancellationToken = default) =>
        SendAsync<CommandSummary>(HttpMethod.Post, $"admin/commands/{Segment(idOrKey)}/retry", null, cancellationToken);

    /// <summary><c>POST /admin/commands/retry</c>: by ids or by filter.</summary>
    public Task<ApiResponse<RetryResult>> RetryCommandsAsync(RetryFilter filter, CancellationToken cancellationToken = default) =>
        SendAsync<RetryResult>(HttpMethod.Post, "admin/commands/retry", filter, cancellationToken);

    /// <summary><c>PUT /admin/commands/{id}</c>: edit-then-retry.</summary>
    public Task<ApiResponse<CommandDetail>> EditCommandAsync(string idOrKey, CommandEdit edit, CancellationToken cancellationToken = default) =>
        SendAsync<CommandDetail>(HttpMethod.Put, $"admin/commands/{Segment(idOrKey)}", edit, cancellationToken);

    /// <summary><c>POST /admin/commands/{id}/discard</c>.</summary>
    public Task<ApiResponse<CommandSummary>> DiscardCommandAsync(string idOrKey, string reason, CancellationToken cancellationToken = default) =>
        SendAsync<CommandSummary>(HttpMethod.Post, $"admin/commands/{Segment(idOrKey)}/discard", new DiscardRequest(reason), cancellationToken);

    /// <summary><c>POST /admin/commands/{id}/fail</c>: ends a command (an uncertain one, typically) as failed.</summary>
    public Task<ApiResponse<CommandSummary>> FailCommandAsync(string idOrKey, string reason, CancellationToken cancellationToken = default) =>
        SendAsync<CommandSummary>(HttpMethod.Post, $"admin/commands/{Segment(idOrKey)}/fail", new FailRequest(reason), cancellationToken);

    /// <summary><c>POST /admin/commands/{id}/resolve</c>: an uncertain command's issue exists (its key), or it is posted again.</summary>
    public Task<ApiResponse<CommandSummary>> ResolveCommandAsync(string idOrKey, ResolveRequest resolution, CancellationToken cancellationToken = default) =>
        SendAsync<CommandSummary>(HttpMethod.Post, $"admin/commands/{Segment(idOrKey)}/resolve", resolution, cancellationToken);

    /// <summary><c>GET /admin/failures</c>: failed commands grouped by reason.</summary>
    public Task<ApiResponse<IReadOnlyList<FailureGroup>>> GetFailuresAsync(string? connection = null, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<FailureGroup>>(HttpMethod.Get, "admin/failures" + Query(("connection", connection)), null, cancellationToken);

    /// <summary><c>GET /admin/rejected</c>.</summary>
    public Task<ApiResponse<PagedList<RejectedMessageView>>> ListRejectedAsync(string? reason = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        SendAsync<PagedList<RejectedMessageView>>(
            HttpMethod.Get, "admin/rejected" + Query(("reason", reason), ("page", Number(page)), ("pageSize", Number(pageSize))), null, cancellationToken);

    // Error queue

    /// <summary><c>GET /admin/error-queue</c>: reads the <c>_error</c> queue without removing anything.</summary>
    public Task<ApiResponse<IReadOnlyList<ErrorQueueMessage>>> ListErrorQueueAsync(int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<ErrorQueueMessage>>(HttpMethod.Get, "admin/error-queue" + Query(("limit", Number(limit))), null, cancellationToken);

    /// <summary><c>POST /admin/error-queue/redrive</c>.</summary>
    public Task<ApiResponse<RedriveResult>> RedriveErrorQueueAsync(RedriveRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<RedriveResult>(HttpMethod.Post, "admin/error-queue/redrive", request, cancellationToken);

    // Plumbing

    private async Task<ApiResponse<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var json = await SendForJsonAsync(method, path, body, cancellationToken);
        return new(Parse(json, root => root.Deserialize<T>(JsonOptions) ?? throw new JsonException("The answer is null.")), json);
    }

    private async Task<string> SendForJsonAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_baseUrl, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, _apiKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), JsonOptions), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw AdminApiException.FromResponse(response.StatusCode, response.ReasonPhrase, text);
        }

        return text;
    }

    private static T Parse<T>(string json, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return read(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new AdminApiException(
                HttpStatusCode.OK, "the server's answer is not what the admin API returns", ex.Message, null, json, ex);
        }
    }

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Uri.EscapeDataString(value);
    }

    private static string? Time(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }
}

/// <summary>The filters of <c>GET /admin/commands</c>.</summary>
public sealed record CommandQuery
{
    public string? State { get; init; }

    public string? Connection { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }
}

/// <summary>A typed answer together with the JSON exactly as the server sent it (for <c>--json</c>).</summary>
public sealed record ApiResponse<T>(T Value, string Json);
