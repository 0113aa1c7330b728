namespace IssueSync.JiraSimulator.Auth;

/// <summary>A freshly issued access token (and refresh token when <c>offline_access</c> was granted).</summary>
public sealed record TokenPair(string AccessToken, string? RefreshToken, int ExpiresIn, string Scope, string AccountId);
