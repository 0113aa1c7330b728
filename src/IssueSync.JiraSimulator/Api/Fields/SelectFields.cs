using System.Text.Json;
using IssueSync.JiraSimulator.Seed;

namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary>A select custom field: <c>{"value"}</c> or <c>{"id"}</c> of one of its options.</summary>
internal sealed class SelectField : IFieldValidator
{
    public FieldOutcome Validate(FieldContext context, JsonElement value) => Options.Check(context, value);
}

/// <summary>A multi-select custom field: an array of option references.</summary>
internal sealed class MultiSelectField : IFieldValidator
{
    public FieldOutcome Validate(FieldContext context, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return FieldOutcome.Reject("data was not an array");
        }

        var options = new List<object?>();
        foreach (var item in value.EnumerateArray())
        {
            var outcome = Options.Check(context, item);
            if (outcome is not FieldOutcome.Accepted accepted)
            {
                return outcome;
            }

            options.Add(accepted.Representation);
        }

        return FieldOutcome.Accept(options);
    }
}

/// <summary>Resolves one option reference of a select field, with Jira's messages.</summary>
internal static class Options
{
    public static FieldOutcome Check(FieldContext context, JsonElement value)
    {
        var field = context.Field.Custom!;
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("id", out var id))
        {
            return Accept(context, field.Options.FirstOrDefault(o => o.Id == JsonValues.Raw(id)), $"Option id '{JsonValues.Raw(id)}' is not valid");
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("value", out var v))
        {
            return Accept(context, field.Options.FirstOrDefault(o => string.Equals(o.Value, JsonValues.Raw(v), StringComparison.Ordinal)), $"Option value '{JsonValues.Raw(v)}' is not valid");
        }

        return FieldOutcome.Reject("Could not find valid 'id' or 'value' in the Parent Option object.");
    }

    private static FieldOutcome Accept(FieldContext context, SeedOption? option, string error) =>
        option is null ? FieldOutcome.Reject(error) : FieldOutcome.Accept(JiraShapes.Option(context.ApiBase, option));
}
