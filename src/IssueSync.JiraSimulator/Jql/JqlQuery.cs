namespace IssueSync.JiraSimulator.Jql;

/// <summary>A parsed query: an optional restriction and the ORDER BY list.</summary>
internal sealed record JqlQuery(JqlExpression? Where, IReadOnlyList<JqlSort> OrderBy)
{
    /// <summary>Jira refuses unbounded queries on <c>/search/jql</c>.</summary>
    public bool IsBounded => Where is not null;
}
