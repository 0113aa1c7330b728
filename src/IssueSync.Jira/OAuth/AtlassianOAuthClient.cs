using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssueSync.Jira.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IssueSync.Jira.OAuth;

/// <summary>The typed HttpClient behind <see cref="IAtlassianOAuthClient"/>.</summary>
internal sealed class AtlassianOAuthClient(
    HttpClient httpClient, IOptions<AtlassianOptions> options, TimeProvider time, ILogger<AtlassianOAuthClient> logger) : IAtlassianOAuthClient
{
    private const string TokenRoute = "/oauth/token";
    private const string ResourcesRoute = "/oauth/token/accessible-resources";
    private const string MeRoute = "/me";

    private readonly AtlassianHttp _http = new(httpClient, time, logger);
    private readonly AtlassianOptions _options = options.Value;

    public Uri BuildAuthorizationUrl(string state)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        var query = new StringBuilder();
        Append(query, "audience", "api.atlassian.com");
        Append(query, "client_id", _options.ClientId);
        Append(query, "scope", NormaliseScopes(_options.Scopes));
        Append(query, "redirect_uri", _options.RedirectUri?.AbsoluteUri ?? "");
        Append(query, "state", state);
        Append(query, "response_type", "code");
        Append(query, "prompt", "consent");
        return new Uri($"{Base(_options.AuthBaseUrl)}/authorize?{query}");
    }

    public Task<OAuthTokenResult> ExchangeCodeAsync(string code, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var body = new JsonObject
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = _options.ClientId,
            ["client_secret"] = _options.ClientSecret,
            ["code"] = code,
            ["redirect_uri"] = _options.RedirectUri?.AbsoluteUri ?? "",
        };
        return RequestTokensAsync(body, "authorization_code", previousRefreshToken: null, code, cancellationToken);
    }

    public Task<OAuthTokenResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        var body = new JsonObject
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = _options.ClientId,
            ["client_secret"] = _options.ClientSecret,
            ["refresh_token"] = refreshToken,
        };
        return RequestTokensAsync(body, "refresh_token", refreshToken, refreshToken, cancellationToken);
    }

    public async Task<AccessibleResourcesResult> GetAccessibleResourcesAsync(string accessToken, CancellationToken cancellationToken)
    {
        var (sites, error) = await GetJsonAsync(ResourcesRoute, "accessible-resources", accessToken,
            "Atlassian rejected the access token when listing accessible sites (401); refresh it and try once more.", ReadSites, cancellationToken);
        return sites is not null ? AccessibleResourcesResult.Success(sites) : AccessibleResourcesResult.Failure(error!);
    }

    public async Task<AtlassianAccountResult> GetMeAsync(string accessToken, CancellationToken cancellationToken)
    {
        var (account, error) = await GetJsonAsync(MeRoute, "me", accessToken,
            "Atlassian rejected the access token when reading the account (401): the app must request the read:me scope.", ReadAccount, cancellationToken);
        return account is not null ? AtlassianAccountResult.Success(account) : AtlassianAccountResult.Failure(error!);
    }

    private static List<AccessibleResource>? ReadSites(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var sites = new List<AccessibleResource>();
        foreach (var item in body.EnumerateArray())
        {
            var id = JsonRead.String(item, "id");
            if (string.IsNullOrEmpty(id))
            {
                continue;
            }

            sites.Add(new AccessibleResource(
                id, JsonRead.String(item, "name") ?? "", JsonRead.String(item, "url") ?? "", JsonRead.Strings(item, "scopes"), JsonRead.String(item, "avatarUrl")));
        }

        return sites;
    }

    private static AtlassianAccount? ReadAccount(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && JsonRead.String(body, "account_id") is { Length: > 0 } accountId
            ? new AtlassianAccount(accountId, JsonRead.String(body, "name") ?? "", JsonRead.String(body, "email"))
            : null;

    // A bearer GET on the API gateway: the body read by `read`, or why not (a body `read` rejects is classified like
    // any other failed reply; a 401 gets the caller's sentence).
    private async Task<(T? Value, OAuthError? Error)> GetJsonAsync<T>(string route, string operation, string accessToken, string unauthorized,
        Func<JsonElement, T?> read, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        var url = new Uri($"{Base(_options.ApiBaseUrl)}{route}");
        var exchange = await _http.SendAsync(HttpMethod.Get, url, route, accessToken, null, _options.RequestTimeout, cancellationToken);
        if (exchange.Failure is { } failure)
        {
            return (null, TransportError(failure, operation));
        }

        var reply = exchange.Reply!;
        if (reply.IsSuccess && JsonRead.Parse(reply.Body) is { } body && read(body) is { } value)
        {
            return (value, null);
        }

        return reply.StatusCode == 401
            ? (null, new OAuthError { Kind = OAuthErrorKind.Unauthorized, StatusCode = 401, Message = unauthorized })
            : (null, ClassifyReply(reply, operation, accessToken));
    }

    private async Task<OAuthTokenResult> RequestTokensAsync(
        JsonObject body, string grant, string? previousRefreshToken, string grantSecret, CancellationToken cancellationToken)
    {
        var url = new Uri($"{Base(_options.AuthBaseUrl)}{TokenRoute}");
        var requestedAt = time.GetUtcNow();
        var exchange = await _http.SendAsync(
            HttpMethod.Post, url, $"{TokenRoute} ({grant})", null, AtlassianHttp.Json(body.ToJsonString()), _options.RequestTimeout, cancellationToken);
        if (exchange.Failure is { } failure)
        {
            return OAuthTokenResult.Failure(TransportError(failure, $"token endpoint ({grant})"));
        }

        var reply = exchange.Reply!;
        if (!reply.IsSuccess)
        {
            return OAuthTokenResult.Failure(ClassifyReply(reply, $"token endpoint ({grant})", grantSecret, _options.ClientSecret));
        }

        var json = JsonRead.Parse(reply.Body);
        var accessToken = json is { } j ? JsonRead.String(j, "access_token") : null;
        if (json is not { } root || string.IsNullOrEmpty(accessToken))
        {
            return OAuthTokenResult.Failure(new OAuthError
            {
                Kind = OAuthErrorKind.Failed,
                StatusCode = reply.StatusCode,
                Message = $"Atlassian's token endpoint ({grant}) answered {reply.StatusCode} without an access_token.",
            });
        }

        var newRefreshToken = JsonRead.String(root, "refresh_token");
        var expiresIn = JsonRead.Int(root, "expires_in") ?? 3600;
        return OAuthTokenResult.Success(new OAuthTokens
        {
            AccessToken = accessToken,
            RefreshToken = string.IsNullOrEmpty(newRefreshToken) ? previousRefreshToken : newRefreshToken,
            RefreshTokenRotated = !string.IsNullOrEmpty(newRefreshToken) && !string.Equals(newRefreshToken, previousRefreshToken, StringComparison.Ordinal),
            ExpiresAt = requestedAt.AddSeconds(expiresIn),
            Scope = JsonRead.String(root, "scope") ?? "",
        });
    }

    private OAuthError ClassifyReply(HttpReply reply, string what, params ReadOnlySpan<string?> secrets)
    {
        var json = JsonRead.Parse(reply.Body);
        var errorCode = json is { } j ? JsonRead.String(j, "error") : null;
        var description = json is { } d ? JsonRead.String(d, "error_description") ?? JsonRead.String(d, "message") : null;
        var detail = description is null ? "" : $": {Redactor.Redact(description, [.. secrets, _options.ClientSecret])}";
        var codeText = errorCode is null ? "" : $" ({Redactor.Redact(errorCode, [.. secrets, _options.ClientSecret])})";

        if (string.Equals(errorCode, "invalid_grant", StringComparison.Ordinal))
        {
            return new OAuthError
            {
                Kind = OAuthErrorKind.ReauthorizationRequired,
                StatusCode = reply.StatusCode,
                ErrorCode = errorCode,
                Message = $"Atlassian {what} answered {reply.StatusCode} invalid_grant{detail}. The grant is no longer valid; the user must reconnect.",
            };
        }

        if (errorCode is "invalid_client" or "unauthorized_client" || (reply.StatusCode == 401 && what.StartsWith("token", StringComparison.Ordinal)))
        {
            return new OAuthError
            {
                Kind = OAuthErrorKind.InvalidClient,
                StatusCode = reply.StatusCode,
                ErrorCode = errorCode,
                Message = $"Atlassian {what} rejected the app's client credentials ({reply.StatusCode}{codeText}){detail}. Check Atlassian:ClientId and Atlassian:ClientSecret.",
            };
        }

        if (reply.StatusCode is >= 500 or 429 or 408)
        {
            return new OAuthError
            {
                Kind = OAuthErrorKind.Transient,
                StatusCode = reply.StatusCode,
                ErrorCode = errorCode,
                RetryAfter = RetryAfter.Parse(reply.Headers, time.GetUtcNow()),
                Message = $"Atlassian {what} is unavailable ({reply.StatusCode}{codeText}); try again later.",
            };
        }

        return new OAuthError
        {
            Kind = OAuthErrorKind.Failed,
            StatusCode = reply.StatusCode,
            ErrorCode = errorCode,
            Message = $"Atlassian {what} answered {reply.StatusCode}{codeText}{detail}.",
        };
    }

    private static OAuthError TransportError(TransportFailure failure, string what) => new()
    {
        Kind = OAuthErrorKind.Transient,
        Message = $"Atlassian {what} could not be reached: {failure.Message}.",
    };

    private static string NormaliseScopes(string scopes) =>
        string.Join(' ', (scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static void Append(StringBuilder query, string name, string value)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    internal static string Base(Uri url) => url.AbsoluteUri.TrimEnd('/');
}
