using System.Net;
using System.Text;
using System.Text.Json;
using IssueSync.JiraSimulator.Api;
using IssueSync.JiraSimulator.Seed;
using IssueSync.JiraSimulator.State;
using IssueSync.JiraSimulator.Stats;
using Microsoft.AspNetCore.WebUtilities;

namespace IssueSync.JiraSimulator.Auth;

/// <summary>The authorization server (<c>auth.atlassian.com</c>): <c>GET /authorize</c> and <c>POST /oauth/token</c> (docs/atlassian-api.md §1).</summary>
internal static class OAuthEndpoints
{
    private const string InvalidRefreshToken = "Unknown or invalid refresh token.";

    public static async Task AuthorizeAsync(HttpContext http)
    {
        var state = http.RequestServices.GetRequiredService<SimulatorState>();
        if (SimulatorPipeline.GetWithBody(http) is { } refused)
        {
            await SimulatorPipeline.WriteAsync(http, state, "authorize", refused);
            return;
        }

        await SimulatorPipeline.DelayAsync(state, "authorize", http.RequestAborted);
        var response = SimulatorPipeline.InjectedFault(state, "authorize") ?? Authorize(http, state);
        await SimulatorPipeline.WriteAsync(http, state, "authorize", response);
    }

    public static async Task TokenAsync(HttpContext http)
    {
        var state = http.RequestServices.GetRequiredService<SimulatorState>();
        await SimulatorPipeline.DelayAsync(state, "token", http.RequestAborted);
        if (http.Request.Path.Value?.EndsWith('/') == true)
        {
            await SimulatorPipeline.WriteAsync(http, state, "token", SimResponse.JsonBody(404, new { error = "not_found", error_description = "Not Found" }));
            return;
        }

        var response = SimulatorPipeline.InjectedFault(state, "token") ?? await TokenAsync(http, state);
        await SimulatorPipeline.WriteAsync(http, state, "token", response);
    }

    private static SimResponse Authorize(HttpContext http, SimulatorState state)
    {
        var q = http.Request.Query;
        var directory = state.Directory;
        var app = directory.App;
        string clientId = q["client_id"].ToString(), redirectUri = q["redirect_uri"].ToString();
        // Without a known client and a registered callback there is nowhere safe to send the browser: an error page.
        if (clientId != app.ClientId)
        {
            return AuthorizeErrorPage("invalid_request", "Unknown client_id.");
        }

        if (!IsAllowedRedirect(redirectUri, app, state.Options.TestOnlyAcceptAnyLoopbackRedirect))
        {
            return AuthorizeErrorPage("invalid_request", "The redirect_uri is not registered for this app. It must equal one of the app's callback URLs exactly.");
        }

        var stateParam = q["state"].ToString();
        SimResponse Error(string error, string description) => SimResponse.Redirect(WithQuery(redirectUri, new()
        {
            ["error"] = error,
            ["error_description"] = description,
            ["state"] = string.IsNullOrEmpty(stateParam) ? null : stateParam,
        }));

        if (q["response_type"] != "code")
        {
            return Error("unsupported_response_type", "response_type must be 'code'.");
        }

        if (string.IsNullOrEmpty(stateParam))
        {
            return Error("invalid_request", "The state parameter is required.");
        }

        var scopes = q["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0)
        {
            return Error("invalid_scope", "The scope parameter is required.");
        }

        var unknown = scopes.Where(s => !app.Scopes.Contains(s, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            return Error("invalid_scope", $"Scope(s) not added to the app: {string.Join(' ', unknown)}.");
        }

        var hint = q["login_hint"].ToString();
        var user = string.IsNullOrEmpty(hint)
            ? directory.DefaultUser
            : directory.Users.GetValueOrDefault(hint)
              ?? directory.Users.Values.FirstOrDefault(u => string.Equals(u.Email, hint, StringComparison.OrdinalIgnoreCase));
        if (user is null)
        {
            return Error("access_denied", "Unknown user.");
        }

        if (state.Settings.DenyConsent)
        {
            return Error("access_denied", "User did not authorize the request");
        }

        var code = state.Tokens.IssueCode(clientId, redirectUri, user.AccountId, scopes, state.Now, state.Settings);
        state.Stats.Increment(SimulatorStats.AuthorizationsGranted);
        return SimResponse.Redirect(WithQuery(redirectUri, new() { ["code"] = code, ["state"] = stateParam }));
    }

    private static async Task<SimResponse> TokenAsync(HttpContext http, SimulatorState state)
    {
        var form = await ReadParametersAsync(http);
        if (form is null)
        {
            return SimResponse.JsonBody(400, new { error = "invalid_request", error_description = "The request body must be JSON or application/x-www-form-urlencoded." });
        }

        var grantType = form.GetValueOrDefault("grant_type");
        if (string.IsNullOrEmpty(grantType))
        {
            return SimResponse.JsonBody(400, new { error = "invalid_request", error_description = "Missing required parameter: grant_type" });
        }

        if (grantType is not ("authorization_code" or "refresh_token"))
        {
            // RFC 6749 §5.2: an unsupported grant type is a 400.
            return SimResponse.JsonBody(400, new { error = "unsupported_grant_type", error_description = $"Unsupported grant type: {grantType}" });
        }

        var (clientId, clientSecret) = ClientCredentials(http, form);
        var app = state.Directory.App;
        if (clientId != app.ClientId || !FixedTimeEquals(clientSecret, app.ClientSecret))
        {
            return SimResponse.JsonBody(401, new { error = "access_denied", error_description = "Unauthorized" });
        }

        var now = state.Now;
        var settings = state.Settings;
        if (grantType == "authorization_code")
        {
            var code = form.GetValueOrDefault("code");
            if (string.IsNullOrEmpty(code))
            {
                return SimResponse.JsonBody(400, new { error = "invalid_request", error_description = "Missing required parameter: code" });
            }

            var result = state.Tokens.ExchangeCode(code, clientId, form.GetValueOrDefault("redirect_uri"), now, settings);
            if (result.Pair is null)
            {
                state.Stats.Increment(SimulatorStats.InvalidGrants);
                var description = result.Error == TokenError.RedirectMismatch
                    ? "redirect_uri does not match the one used in the authorization request."
                    : "Invalid authorization code";
                return SimResponse.JsonBody(403, new { error = "invalid_grant", error_description = description });
            }

            state.Stats.Increment(SimulatorStats.CodeExchanges);
            return Tokens(result.Pair);
        }

        var refreshToken = form.GetValueOrDefault("refresh_token");
        if (string.IsNullOrEmpty(refreshToken))
        {
            return SimResponse.JsonBody(400, new { error = "invalid_request", error_description = "Missing required parameter: refresh_token" });
        }

        var refresh = state.Tokens.Refresh(refreshToken, clientId, now, settings);
        if (refresh.Pair is null)
        {
            state.Stats.Increment(SimulatorStats.InvalidGrants);
            if (refresh.Error == TokenError.FamilyRevoked)
            {
                state.Stats.Increment(SimulatorStats.RevokedFamilies);
            }

            return SimResponse.JsonBody(403, new { error = "invalid_grant", error_description = InvalidRefreshToken });
        }

        state.Stats.Increment(SimulatorStats.Refreshes);
        if (state.Faults.OmitRefreshToken())
        {
            // Rotated as usual, but the answer lacks the new refresh token (docs/atlassian-api.md §1.3).
            state.Stats.Fault("omitted-refresh-token");
            return Tokens(refresh.Pair with { RefreshToken = null });
        }

        return Tokens(refresh.Pair);
    }

    private static SimResponse AuthorizeErrorPage(string error, string description) =>
        SimResponse.Html(400, $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Something went wrong</title></head>
            <body>
            <h1>Something went wrong</h1>
            <p><code>{{error}}</code>: {{WebUtility.HtmlEncode(description)}}</p>
            </body>
            </html>
            """);

    internal static SimResponse Tokens(TokenPair pair)
    {
        var body = new Dictionary<string, object> { ["access_token"] = pair.AccessToken };
        if (pair.RefreshToken is not null)
        {
            body["refresh_token"] = pair.RefreshToken;
        }

        body["expires_in"] = pair.ExpiresIn;
        body["scope"] = pair.Scope;
        body["token_type"] = "Bearer";
        var response = SimResponse.JsonBody(200, body);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }

    internal static bool IsAllowedRedirect(string redirectUri, SeedOAuthApp app, bool acceptAnyLoopback)
    {
        if (string.IsNullOrEmpty(redirectUri))
        {
            return false;
        }

        if (app.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            return true;
        }

        return acceptAnyLoopback
            && Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttp
            && string.IsNullOrEmpty(uri.Fragment)
            && (uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
    }

    private static string WithQuery(string uri, Dictionary<string, string?> values)
    {
        var result = uri;
        foreach (var (key, value) in values)
        {
            if (value is not null)
            {
                result = QueryHelpers.AddQueryString(result, key, value);
            }
        }

        return result;
    }

    private static (string ClientId, string ClientSecret) ClientCredentials(HttpContext http, Dictionary<string, string> form)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
                return ("", "");
            }
        }

        return (form.GetValueOrDefault("client_id") ?? "", form.GetValueOrDefault("client_secret") ?? "");
    }

    private static async Task<Dictionary<string, string>?> ReadParametersAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(http.RequestAborted);
            return form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: http.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return document.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool FixedTimeEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
