namespace IssueSync.JiraSimulator.Seed;

/// <summary>
/// What one user may do in one project, where it differs from the project's defaults (<see cref="SeedProject.CanBrowse"/>,
/// <see cref="SeedProject.CanCreate"/>, the full create screen). Unset properties keep the project's default.
/// </summary>
public sealed record SeedProjectAccess
{
    /// <summary>The site of the project (one of the user's sites).</summary>
    public required string CloudId { get; init; }

    /// <summary>The project key.</summary>
    public required string Project { get; init; }

    /// <summary>Browse projects: without it the project is invisible to the user (404s, "valid project is required").</summary>
    public bool? CanBrowse { get; init; }

    /// <summary>Create issues: without it createmeta is filtered and every field "cannot be set".</summary>
    public bool? CanCreate { get; init; }

    /// <summary>Fields missing from this user's create screen in this project (every issue type), e.g. <c>priority</c>.</summary>
    public IReadOnlyList<string> HiddenFields { get; init; } = [];
}
