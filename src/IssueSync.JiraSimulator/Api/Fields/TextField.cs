using System.Text.Json;

namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary>A single-line text custom field: a plain string of at most 255 characters (no ADF).</summary>
internal sealed class TextField : IFieldValidator
{
    public const int MaxLength = 255;

    public FieldOutcome Validate(FieldContext context, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return FieldOutcome.Reject("Operation value must be a string");
        }

        return value.GetString()!.Length > MaxLength
            ? FieldOutcome.Reject("The entered text is too long. It exceeds the allowed limit of 255 characters.")
            : FieldOutcome.Accept(value.GetString());
    }
}
