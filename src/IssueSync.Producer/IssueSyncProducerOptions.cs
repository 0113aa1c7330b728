namespace IssueSync.Producer;

/// <summary>Where the worker listens.</summary>
public sealed class IssueSyncProducerOptions
{
    /// <summary>The worker's input queue (its <c>IssueSync:InputQueue</c>); commands go to the exchange of that name.</summary>
    public string InputQueue { get; set; } = "create-issue";
}
