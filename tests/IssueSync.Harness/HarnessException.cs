namespace IssueSync.Harness;

/// <summary>The harness could not do what it was asked; the message says what and what to do about it.</summary>
public sealed class HarnessException : Exception
{
    public HarnessException()
    {
    }

    public HarnessException(string message)
        : base(message)
    {
    }

    public HarnessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
