namespace IssueSync.Producer;

/// <summary>The command has mistakes that would make it fail for certain; nothing was sent.</summary>
public sealed class InvalidCreateIssueException : ArgumentException
{
    public InvalidCreateIssueException()
    {
        Problems = [];
    }

    public InvalidCreateIssueException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public InvalidCreateIssueException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public InvalidCreateIssueException(IReadOnlyList<string> problems)
        : base("The CreateIssue command is not valid: " + string.Join(" ", problems))
    {
        Problems = problems;
    }

    /// <summary>Each problem, naming the property.</summary>
    public IReadOnlyList<string> Problems { get; }
}
