namespace IssueSync.JiraSimulator.Seed;

/// <summary>A component of a company-managed project.</summary>
public sealed record SeedComponent
{
    public required string Id { get; init; }

    public required string Name { get; init; }
}
