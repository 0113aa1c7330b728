using System.Text.Json;
using System.Text.Json.Serialization;
using IssueSync.JiraSimulator.Faults;
using IssueSync.JiraSimulator.Issues;
using IssueSync.JiraSimulator.Seed;
using IssueSync.JiraSimulator.Stats;

namespace IssueSync.JiraSimulator.Admin;

/// <summary>
/// A typed client for the <c>/_simulator/*</c> admin API, usable against an in-process host or a standalone
/// simulator (give it an <see cref="HttpClient"/> whose <c>BaseAddress</c> is the simulator's base URL).
/// </summary>
public sealed class JiraSimulatorAdminClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly HttpClient _http;
    private readonly string? _adminKey;

    /// <param name="http">A client whose <c>BaseAddress</c> is the simulator's base URL.</param>
    /// <param name="adminKey">The <c>X-Simulator-Admin-Key</c> value, when the simulator requires one.</param>
    public JiraSimulatorAdminClient(HttpClient http, string? adminKey = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress (the simulator's base URL).", nameof(http));
        }

        _http = http;
        _adminKey = adminKey;
    }

    /// <summary>Every issue created, optionally filtered by site and project key.</summary>
    public async Task<IReadOnlyList<SimulatedIssue>> GetIssuesAsync(string? cloudId = null, string? projectKey = null, CancellationToken ct = default)
    {
        var query = new List<string>();
        if (cloudId is not null)
        {
            query.Add("cloudId=" + Uri.EscapeDataString(cloudId));
        }

        if (projectKey is not null)
        {
            query.Add("project=" + Uri.EscapeDataString(projectKey));
        }

        return await SendAsync<List<SimulatedIssue>>(HttpMethod.Get, "_simulator/issues" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), null, ct);
    }

    /// <summary>Groups of issues with the same summary in the same project.</summary>
    public async Task<IReadOnlyList<DuplicateGroup>> GetDuplicatesAsync(CancellationToken ct = default) =>
        await SendAsync<List<DuplicateGroup>>(HttpMethod.Get, "_simulator/duplicates", null, ct);

    public Task<SimulatorStatsSnapshot> GetStatsAsync(CancellationToken ct = default) =>
        SendAsync<SimulatorStatsSnapshot>(HttpMethod.Get, "_simulator/stats", null, ct);

    /// <summary>Back to the start seed, settings and faults; drops issues, tokens, stats and rate-limit state.</summary>
    public Task ResetAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Post, "_simulator/reset", null, ct);

    public Task<FaultSettings> GetFaultsAsync(CancellationToken ct = default) =>
        SendAsync<FaultSettings>(HttpMethod.Get, "_simulator/faults", null, ct);

    /// <summary>Replaces the fault settings (and re-seeds the fault RNG).</summary>
    public Task<FaultSettings> SetFaultsAsync(FaultSettings faults, CancellationToken ct = default) =>
        SendAsync<FaultSettings>(HttpMethod.Put, "_simulator/faults", faults, ct);

    public Task<SimulatorConfig> GetConfigAsync(CancellationToken ct = default) =>
        SendAsync<SimulatorConfig>(HttpMethod.Get, "_simulator/config", null, ct);

    /// <summary>Changes the runtime settings given (null properties stay as they are).</summary>
    public Task<SimulatorConfig> UpdateConfigAsync(SimulatorConfig changes, CancellationToken ct = default) =>
        SendAsync<SimulatorConfig>(HttpMethod.Put, "_simulator/config", changes, ct);

    /// <summary>The simulator's time (host clock + offset) and the offset.</summary>
    public Task<SimulatorClockInfo> GetClockAsync(CancellationToken ct = default) =>
        SendAsync<SimulatorClockInfo>(HttpMethod.Get, "_simulator/clock", null, ct);

    /// <summary>Moves the simulator's clock forward: token expiry, leeways, code lifetime, index delay and rate-limit windows follow.</summary>
    public Task<SimulatorClockInfo> AdvanceClockAsync(TimeSpan by, CancellationToken ct = default) =>
        SendAsync<SimulatorClockInfo>(HttpMethod.Post, "_simulator/clock/advance", new ClockAdvance(by.TotalSeconds), ct);

    /// <summary>Sets the offset of the simulator's clock from the host clock (any sign).</summary>
    public Task<SimulatorClockInfo> SetClockOffsetAsync(TimeSpan offset, CancellationToken ct = default) =>
        SendAsync<SimulatorClockInfo>(HttpMethod.Put, "_simulator/clock", new ClockOffset(offset.TotalSeconds), ct);

    /// <summary>
    /// Every access and refresh token string minted since the last reset (consent, refresh, admin shortcut), e.g. to
    /// scan logs for leaked tokens.
    /// </summary>
    public Task<SimulatorMintedTokens> GetMintedTokensAsync(CancellationToken ct = default) =>
        SendAsync<SimulatorMintedTokens>(HttpMethod.Get, "_simulator/tokens", null, ct);

    /// <summary>Expires the access tokens of one user, or of everyone; returns how many were live.</summary>
    public async Task<int> ExpireAccessTokensAsync(string? accountId = null, CancellationToken ct = default)
    {
        var path = "_simulator/tokens/expire" + (accountId is null ? "" : "?accountId=" + Uri.EscapeDataString(accountId));
        var result = await SendAsync<JsonElement>(HttpMethod.Post, path, null, ct);
        return result.GetProperty("expired").GetInt32();
    }

    /// <summary>Revokes the user's grant (as a password change would): their refresh tokens get invalid_grant.</summary>
    public async Task<int> RevokeUserAsync(string accountId, CancellationToken ct = default)
    {
        var result = await SendAsync<JsonElement>(HttpMethod.Post, $"_simulator/users/{Uri.EscapeDataString(accountId)}/revoke", null, ct);
        return result.GetProperty("revokedFamilies").GetInt32();
    }

    /// <summary>Adds (or replaces) a user in the active seed.</summary>
    public Task AddUserAsync(SeedUser user, CancellationToken ct = default) => SendAsync(HttpMethod.Post, "_simulator/users", user, ct);

    /// <summary>Issues a token pair for a user without the browser flow (a new token family).</summary>
    public Task<SimulatorTokenResponse> IssueTokensAsync(string accountId, string? scope = null, CancellationToken ct = default) =>
        SendAsync<SimulatorTokenResponse>(
            HttpMethod.Post,
            $"_simulator/users/{Uri.EscapeDataString(accountId)}/tokens" + (scope is null ? "" : "?scope=" + Uri.EscapeDataString(scope)),
            null,
            ct);

    /// <summary>
    /// Registers a callback URL on the app (like adding it in Atlassian's developer console), until the next reset;
    /// <c>redirect_uri</c> must then equal this exact string. Returns every callback of the app.
    /// </summary>
    public async Task<IReadOnlyList<string>> AddCallbackAsync(string url, CancellationToken ct = default) =>
        (await SendAsync<AppCallbacks>(HttpMethod.Post, "_simulator/app/callbacks", new AppCallback(url), ct)).RedirectUris;

    /// <summary>The active seed.</summary>
    public async Task<SimulatorSeed> GetSeedAsync(CancellationToken ct = default) =>
        SeedLoader.Parse(await SendForTextAsync(HttpMethod.Get, "_simulator/seed", null, ct));

    /// <summary>Loads another seed and resets everything else.</summary>
    public Task LoadSeedAsync(SimulatorSeed seed, CancellationToken ct = default) => SendAsync(HttpMethod.Put, "_simulator/seed", seed, ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var text = await SendForTextAsync(method, path, body, ct);
        return JsonSerializer.Deserialize<T>(text, Json) ?? throw new InvalidOperationException($"Empty answer from {path}.");
    }

    private Task<string> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct) => SendForTextAsync(method, path, body, ct);

    private async Task<string> SendForTextAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (_adminKey is not null)
        {
            request.Headers.Add(AdminEndpoints.AdminKeyHeader, _adminKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} /{path} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        return text;
    }
}
