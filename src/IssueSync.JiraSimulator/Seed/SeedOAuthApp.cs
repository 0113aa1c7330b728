namespace IssueSync.JiraSimulator.Seed;

/// <summary>The OAuth 2.0 (3LO) app registered in the (simulated) developer console.</summary>
public sealed record SeedOAuthApp
{
    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    /// <summary>Callback URLs accepted as <c>redirect_uri</c> (exact match).</summary>
    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    /// <summary>Scopes added to the app; <c>/authorize</c> refuses any other scope.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
}
