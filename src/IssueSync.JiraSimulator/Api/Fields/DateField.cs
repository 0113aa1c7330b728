using System.Globalization;
using System.Text.Json;

namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary><c>duedate</c> and date custom fields: <c>"YYYY-MM-DD"</c>.</summary>
internal sealed class DateField : IFieldValidator
{
    public FieldOutcome Validate(FieldContext context, JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? FieldOutcome.Accept(value.GetString())
            : FieldOutcome.Reject($"Error parsing date string: {JsonValues.Raw(value)}");
}
