namespace IssueSync.JiraSimulator.Seed;

/// <summary>
/// Everything the simulator starts with: the OAuth app, the users, their sites and each site's projects.
/// Loaded from JSON (see <c>seed.default.json</c> and the README); camelCase property names.
/// </summary>
public sealed record SimulatorSeed
{
    /// <summary>The single OAuth 2.0 (3LO) app the simulator knows.</summary>
    public required SeedOAuthApp App { get; init; }

    /// <summary>The user consent is given for when <c>/authorize</c> carries no <c>login_hint</c>; defaults to the first user.</summary>
    public string? DefaultAccountId { get; init; }

    /// <summary>Atlassian accounts.</summary>
    public IReadOnlyList<SeedUser> Users { get; init; } = [];

    /// <summary>Jira Cloud sites (cloud ids).</summary>
    public IReadOnlyList<SeedSite> Sites { get; init; } = [];
}
