using System.Text.Json.Serialization;

namespace IssueSync.JiraSimulator.Admin;

/// <summary>A token-endpoint answer (also what <c>POST /_simulator/users/{accountId}/tokens</c> returns).</summary>
public sealed record SimulatorTokenResponse
{
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; init; }

    [JsonPropertyName("scope")]
    public string Scope { get; init; } = "";

    [JsonPropertyName("token_type")]
    public string TokenType { get; init; } = "Bearer";
}
