using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IssueSync.Harness;

/// <summary>The few calls of the worker's admin API (docs/admin-api.md) the harness needs, with the API key.</summary>
public sealed class WorkerAdminClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    public WorkerAdminClient(Uri adminUrl, string apiKey)
    {
        _http = new HttpClient { BaseAddress = adminUrl, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    /// <summary><c>POST /admin/connections</c>; null when the name exists already (409).</summary>
    public async Task<Uri?> CreateConnectionAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsJsonAsync("admin/connections", new { name }, Json, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }

        var body = await ReadAsync(response, "POST /admin/connections", cancellationToken);
        return new Uri(body.GetProperty("authorizeUrl").GetString()!);
    }

    /// <summary><c>POST /admin/connections/{name}/authorize</c>: a fresh authorize link (reconnect).</summary>
    public async Task<Uri> AuthorizeAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync(new Uri($"admin/connections/{Uri.EscapeDataString(name)}/authorize", UriKind.Relative), null, cancellationToken);
        var body = await ReadAsync(response, $"POST /admin/connections/{name}/authorize", cancellationToken);
        return new Uri(body.GetProperty("authorizeUrl").GetString()!);
    }

    public async Task<ConnectionState> GetConnectionAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(new Uri($"admin/connections/{Uri.EscapeDataString(name)}", UriKind.Relative), cancellationToken);
        return ConnectionState.From(await ReadAsync(response, $"GET /admin/connections/{name}", cancellationToken));
    }

    /// <summary><c>PUT /admin/connections/{name}/site</c> with a cloud id or a site URL.</summary>
    public async Task<ConnectionState> ChooseSiteAsync(string name, string site, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PutAsJsonAsync($"admin/connections/{Uri.EscapeDataString(name)}/site", new { site }, Json, cancellationToken);
        return ConnectionState.From(await ReadAsync(response, $"PUT /admin/connections/{name}/site", cancellationToken));
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HarnessException($"{call} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>What the admin API says about a connection.</summary>
public sealed record ConnectionState(string Name, string Status, string? StatusReason, string? CloudId, IReadOnlyList<string> AvailableSiteIds)
{
    internal static ConnectionState From(JsonElement view) => new(
        view.GetProperty("name").GetString()!,
        view.GetProperty("status").GetString()!,
        view.TryGetProperty("statusReason", out var reason) ? reason.GetString() : null,
        view.TryGetProperty("cloudId", out var cloud) ? cloud.GetString() : null,
        view.TryGetProperty("availableSites", out var sites) && sites.ValueKind == JsonValueKind.Array
            ? [.. sites.EnumerateArray().Select(s => s.GetProperty("id").GetString()!)]
            : []);
}
