namespace IssueSync.Jira.Rest;

/// <summary>The issue Jira created (201).</summary>
/// <param name="Id">The issue id, e.g. <c>10000</c>.</param>
/// <param name="Key">The issue key, e.g. <c>ED-24</c>.</param>
/// <param name="Self">The REST URL Jira returned (do not parse hosts from it).</param>
public sealed record CreatedIssue(string Id, string Key, string? Self);
