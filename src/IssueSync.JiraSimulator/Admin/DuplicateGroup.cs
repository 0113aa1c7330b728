namespace IssueSync.JiraSimulator.Admin;

/// <summary>Issues of one project sharing a summary (<c>GET /_simulator/duplicates</c>).</summary>
public sealed record DuplicateGroup(string CloudId, string ProjectKey, string Summary, int Count, IReadOnlyList<string> Keys);
