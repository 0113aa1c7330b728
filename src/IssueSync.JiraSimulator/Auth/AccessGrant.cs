namespace IssueSync.JiraSimulator.Auth;

/// <summary>What a valid access token stands for.</summary>
internal sealed record AccessGrant(string AccountId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);
