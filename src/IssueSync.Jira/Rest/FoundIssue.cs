namespace IssueSync.Jira.Rest;

/// <summary>An issue found by a JQL search.</summary>
/// <param name="Id">The issue id.</param>
/// <param name="Key">The issue key.</param>
/// <param name="Summary">The summary, when returned.</param>
/// <param name="Labels">The labels, when returned.</param>
public sealed record FoundIssue(string Id, string Key, string? Summary, IReadOnlyList<string> Labels);
