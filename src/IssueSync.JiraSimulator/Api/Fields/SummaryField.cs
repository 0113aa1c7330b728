using System.Text.Json;

namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary><c>summary</c>: a non-blank string of at most 255 characters, on one line.</summary>
internal sealed class SummaryField : IFieldValidator
{
    public const int MaxLength = 255;
    private const string Missing = "You must specify a summary of the issue.";

    public FieldOutcome Validate(FieldContext context, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return FieldOutcome.Reject("Operation value must be a string");
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return FieldOutcome.Reject(Missing);
        }

        if (text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal))
        {
            return FieldOutcome.Reject("The summary is invalid because it contains newline characters.");
        }

        return text.Length > MaxLength
            ? FieldOutcome.Reject("Summary must be less than 255 characters.")
            : FieldOutcome.Accept(text);
    }

    public MissingField WhenMissing(FieldDefinition field) => MissingField.OnField(Missing);
}
