namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary>The verdict on one field value.</summary>
internal abstract record FieldOutcome
{
    /// <summary>Structurally invalid ADF: Jira answers <c>INVALID_INPUT</c> for the whole request.</summary>
    public static readonly FieldOutcome InvalidDocument = new InvalidAdf();

    public static FieldOutcome Accept(object? representation) => new Accepted(representation);

    public static FieldOutcome Reject(string message) => new Rejected(message);

    /// <summary>Valid; <paramref name="Representation"/> is how Jira returns the value (GET issue, search).</summary>
    public sealed record Accepted(object? Representation) : FieldOutcome;

    /// <summary>Invalid; the message goes into <c>errors[field]</c>.</summary>
    public sealed record Rejected(string Message) : FieldOutcome;

    public sealed record InvalidAdf : FieldOutcome;
}

/// <summary>Jira's answer for a missing required field: a message on the field, or a top-level one.</summary>
internal sealed record MissingField(string Message, bool TopLevel)
{
    public static MissingField OnField(string message) => new(message, TopLevel: false);

    public static MissingField General(string message) => new(message, TopLevel: true);
}
