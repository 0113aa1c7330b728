namespace IssueSync.JiraSimulator.Seed;

/// <summary>A priority of a site.</summary>
public sealed record SeedPriority
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The priority used when the create request does not set one.</summary>
    public bool IsDefault { get; init; }
}
