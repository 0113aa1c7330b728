using System.Text.Json.Serialization;

namespace IssueSync.JiraSimulator.Seed;

/// <summary>A Jira project.</summary>
public sealed record SeedProject
{
    public required string Id { get; init; }

    public required string Key { get; init; }

    public required string Name { get; init; }

    /// <summary><c>classic</c> (company-managed) or <c>next-gen</c> (team-managed: project-scoped issue types, no components).</summary>
    public string Style { get; init; } = "classic";

    /// <summary>Whether users can see the project (search, createmeta). A project nobody can browse behaves as unknown.</summary>
    public bool CanBrowse { get; init; } = true;

    /// <summary>Whether users have the Create issues permission.</summary>
    public bool CanCreate { get; init; } = true;

    public IReadOnlyList<SeedComponent> Components { get; init; } = [];

    public IReadOnlyList<SeedIssueType> IssueTypes { get; init; } = [];

    /// <summary>True for team-managed (<c>next-gen</c>) projects.</summary>
    [JsonIgnore]
    public bool IsTeamManaged => string.Equals(Style, "next-gen", StringComparison.OrdinalIgnoreCase);
}
