namespace IssueSync.JiraSimulator.Jql;

/// <summary>A JQL error, carrying the message Jira would put in <c>errorMessages</c>.</summary>
public sealed class JqlException : Exception
{
    public JqlException()
    {
    }

    public JqlException(string message)
        : base(message)
    {
    }

    public JqlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
