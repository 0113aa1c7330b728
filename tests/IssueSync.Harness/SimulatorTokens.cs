using System.Net;
using System.Text.Json;

namespace IssueSync.Harness;

/// <summary>Every access and refresh token the simulator minted (<c>GET /_simulator/tokens</c>), to look for in logs.</summary>
public static class SimulatorTokens
{
    /// <summary>The tokens, or null when this simulator has no such endpoint.</summary>
    public static async Task<IReadOnlyCollection<string>?> ListAsync(SimulatorProcess simulator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        using var http = new HttpClient { BaseAddress = simulator.Url, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.GetAsync(new Uri("_simulator/tokens", UriKind.Relative), cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        Collect(document.RootElement, null, tokens);
        return tokens;
    }

    // Every string held by a property whose name says it is a token (accessToken, refreshToken, token, …), at any depth.
    private static void Collect(JsonElement element, string? property, HashSet<string> tokens)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var child in element.EnumerateObject())
                {
                    Collect(child.Value, child.Name, tokens);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, property, tokens);
                }

                break;
            case JsonValueKind.String when IsTokenProperty(property) && element.GetString() is { Length: >= 16 } token:
                tokens.Add(token);
                break;
        }
    }

    private static bool IsTokenProperty(string? name) =>
        name is not null && name.Contains("token", StringComparison.OrdinalIgnoreCase)
        && !name.Contains("type", StringComparison.OrdinalIgnoreCase) && !name.Contains("expires", StringComparison.OrdinalIgnoreCase);
}
