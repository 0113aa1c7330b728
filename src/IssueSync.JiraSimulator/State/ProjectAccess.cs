namespace IssueSync.JiraSimulator.State;

/// <summary>What a user may do in a project: the project's defaults, overridden by the user's own permission entry.</summary>
internal sealed record ProjectAccess(bool CanBrowse, bool CanCreate, IReadOnlySet<string> HiddenFields)
{
    /// <summary>Create needs Browse too (docs/atlassian-api.md §4.1: "Browse projects and Create issues").</summary>
    public bool MayCreate => CanBrowse && CanCreate;
}
