namespace IssueSync.JiraSimulator.Seed;

/// <summary>A Jira Cloud site.</summary>
public sealed record SeedSite
{
    /// <summary>The cloud id used in <c>/ex/jira/{cloudId}/...</c>.</summary>
    public required string CloudId { get; init; }

    public required string Name { get; init; }

    /// <summary>The site URL, e.g. <c>https://acme.atlassian.net</c>.</summary>
    public required string Url { get; init; }

    public string? AvatarUrl { get; init; }

    public IReadOnlyList<SeedPriority> Priorities { get; init; } = [];

    /// <summary>Custom fields of the site; issue types put them on their screen by id.</summary>
    public IReadOnlyList<SeedCustomField> CustomFields { get; init; } = [];

    public IReadOnlyList<SeedProject> Projects { get; init; } = [];
}
