namespace IssueSync.JiraSimulator.Api;

/// <summary>The body of <c>POST /rest/api/3/search/jql</c> (the parts the simulator uses).</summary>
internal sealed record SearchRequest
{
    public string? Jql { get; init; }

    public string? NextPageToken { get; init; }

    public int? MaxResults { get; init; }

    public IReadOnlyList<string>? Fields { get; init; }

    public IReadOnlyList<string>? Properties { get; init; }

    public IReadOnlyList<long> ReconcileIssues { get; init; } = [];
}
