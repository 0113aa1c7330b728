namespace IssueSync.JiraSimulator.Seed;

/// <summary>An issue type of a project, with the fields on its create screen.</summary>
public sealed record SeedIssueType
{
    /// <summary>The id; global in company-managed projects, project-scoped in team-managed ones.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public bool Subtask { get; init; }

    public int HierarchyLevel { get; init; }

    /// <summary>
    /// Fields on the create screen besides <c>project</c> and <c>issuetype</c> (always there). System fields:
    /// <c>summary</c>, <c>description</c>, <c>environment</c>, <c>priority</c>, <c>components</c>, <c>labels</c>,
    /// <c>duedate</c>, <c>assignee</c>, <c>reporter</c>; custom fields by their <c>customfield_NNNNN</c> id.
    /// </summary>
    public IReadOnlyList<SeedScreenField> Fields { get; init; } = [];
}
