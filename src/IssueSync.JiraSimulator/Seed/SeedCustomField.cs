namespace IssueSync.JiraSimulator.Seed;

/// <summary>A custom field of a site.</summary>
public sealed record SeedCustomField
{
    /// <summary>Field id, <c>customfield_NNNNN</c>.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>One of <c>select</c>, <c>multiselect</c>, <c>textfield</c>, <c>textarea</c>, <c>number</c>, <c>date</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Options of a select or multiselect field.</summary>
    public IReadOnlyList<SeedOption> Options { get; init; } = [];
}
