namespace IssueSync.Producer;

/// <summary>The command has mistakes that would make it fail for certain; nothing was sent.</summary>
public sealed class InvalidCreateIssueException : ArgumentException
{
    /// <summary>An exception with no problems listed.</summary>
    public InvalidCreateIssueException()
    {
        Problems = [];
    }

    /// <summary>An exception for one problem, <paramref name="message"/>.</summary>
    public InvalidCreateIssueException(string message)
        : base(message)
    {
        Problems = [message];
    }

    /// <summary>An exception for one problem, <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public InvalidCreateIssueException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>An exception listing every problem found, each naming its property (<c>summary: …</c>).</summary>
    public InvalidCreateIssueException(IReadOnlyList<string> problems)
        : base("The CreateIssue command is not valid: " + string.Join(" ", problems))
    {
        Problems = problems;
    }

    /// <summary>Each problem, naming the property.</summary>
    public IReadOnlyList<string> Problems { get; }
}
