namespace IssueSync.Jira.Adf;

/// <summary>One rule an ADF document breaks.</summary>
/// <param name="Path">Where, e.g. <c>content[2].content[0]</c> (<c>doc</c> for the root).</param>
/// <param name="Message">What is wrong, e.g. <c>text node must not be empty</c>.</param>
public sealed record AdfValidationError(string Path, string Message)
{
    /// <summary><c>path: message</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
