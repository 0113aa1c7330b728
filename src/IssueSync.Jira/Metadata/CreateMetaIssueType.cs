namespace IssueSync.Jira.Metadata;

/// <summary>An issue type the user can create in a project (createmeta).</summary>
public sealed record CreateMetaIssueType
{
    /// <summary>The issue type id; send this, never a name.</summary>
    public required string Id { get; init; }

    /// <summary>The display name, e.g. <c>Bug</c>. Team-managed projects can repeat names across projects.</summary>
    public required string Name { get; init; }

    /// <summary>The description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>True for a subtask type (needs a parent).</summary>
    public bool Subtask { get; init; }

    /// <summary>The hierarchy level (-1 subtask, 0 standard, 1 epic), when given.</summary>
    public int? HierarchyLevel { get; init; }

    /// <summary><c>PROJECT</c> for team-managed (project-scoped) types, <c>TEMPLATE</c>, or null for global types.</summary>
    public string? ScopeType { get; init; }

    /// <summary>The project id of a project-scoped type.</summary>
    public string? ScopeProjectId { get; init; }

    /// <summary>The next-gen entity id, when given.</summary>
    public string? EntityId { get; init; }
}
