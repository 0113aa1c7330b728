namespace IssueSync.JiraSimulator.Seed;

/// <summary>An option of a select custom field.</summary>
public sealed record SeedOption
{
    public required string Id { get; init; }

    public required string Value { get; init; }
}
