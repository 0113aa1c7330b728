namespace IssueSync.JiraSimulator.Jql;

internal enum JqlNodeKind
{
    Clause,
    And,
    Or,
    Not,
}
