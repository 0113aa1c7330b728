using System.Text.Json;

namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary>A number custom field: a JSON number.</summary>
internal sealed class NumberField : IFieldValidator
{
    public FieldOutcome Validate(FieldContext context, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number
            ? FieldOutcome.Accept(value.GetDouble())
            : FieldOutcome.Reject("Operation value must be a number");
}
