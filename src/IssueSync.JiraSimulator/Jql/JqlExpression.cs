namespace IssueSync.JiraSimulator.Jql;

/// <summary>A node of a parsed JQL WHERE clause.</summary>
internal sealed record JqlExpression
{
    public required JqlNodeKind Kind { get; init; }

    public JqlExpression? Left { get; init; }

    public JqlExpression? Right { get; init; }

    /// <summary>Canonical field name of a clause (project, labels, summary, key, issuetype).</summary>
    public string Field { get; init; } = "";

    /// <summary>=, !=, ~, !~, in, not in.</summary>
    public string Operator { get; init; } = "";

    public IReadOnlyList<string> Values { get; init; } = [];
}
