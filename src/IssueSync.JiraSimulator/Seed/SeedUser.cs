namespace IssueSync.JiraSimulator.Seed;

/// <summary>An Atlassian account and the sites it grants to the app when it consents.</summary>
public sealed record SeedUser
{
    public required string AccountId { get; init; }

    public required string DisplayName { get; init; }

    public string? Email { get; init; }

    /// <summary>Cloud ids of the sites this user can reach (all of them are added to the grant on consent).</summary>
    public IReadOnlyList<string> Sites { get; init; } = [];

    /// <summary>Per-project permissions of this user where they differ from the projects' defaults.</summary>
    public IReadOnlyList<SeedProjectAccess> Permissions { get; init; } = [];
}
