namespace IssueSync.Jira.Metadata;

/// <summary>Something wrong with one field of a draft, in plain words.</summary>
/// <param name="Field">The field id, e.g. <c>summary</c>, <c>priority</c>, <c>customfield_10050</c>.</param>
/// <param name="Message">What is wrong, naming the field.</param>
public sealed record FieldProblem(string Field, string Message)
{
    /// <summary><c>field: message</c>.</summary>
    public override string ToString() => $"{Field}: {Message}";
}
