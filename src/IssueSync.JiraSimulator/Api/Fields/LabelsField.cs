using System.Text.Json;

namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary><c>labels</c>: an array of strings without whitespace, each at most 255 characters; duplicates collapse.</summary>
internal sealed class LabelsField : IFieldValidator
{
    public const int MaxLength = 255;

    public FieldOutcome Validate(FieldContext context, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return FieldOutcome.Reject("data was not an array");
        }

        var labels = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return FieldOutcome.Reject("Operation value must be a string");
            }

            var label = item.GetString()!;
            if (label.Any(char.IsWhiteSpace))
            {
                return FieldOutcome.Reject($"The label '{label}' contains spaces which is invalid.");
            }

            if (label.Length > MaxLength)
            {
                return FieldOutcome.Reject($"The label '{label}' exceeds the maximum length for a single label of 255 characters.");
            }

            if (label.Length > 0 && !labels.Contains(label, StringComparer.Ordinal))
            {
                labels.Add(label);
            }
        }

        return FieldOutcome.Accept(labels);
    }
}
