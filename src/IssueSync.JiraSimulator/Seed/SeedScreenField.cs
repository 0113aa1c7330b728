namespace IssueSync.JiraSimulator.Seed;

/// <summary>A field on an issue type's create screen.</summary>
public sealed record SeedScreenField
{
    public required string Id { get; init; }

    public bool Required { get; init; }
}
