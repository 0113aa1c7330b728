using System.Text.Json;

namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary><c>components</c>: an array of <c>{"id"}</c> or <c>{"name"}</c> of the project's components.</summary>
internal sealed class ComponentsField : IFieldValidator
{
    public FieldOutcome Validate(FieldContext context, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return FieldOutcome.Reject("data was not an array");
        }

        var components = new List<object>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                return FieldOutcome.Reject("expected Object");
            }

            var component = JsonValues.ByIdOrName(item, context.Project.Components, c => c.Id, c => c.Name);
            if (component is null)
            {
                return item.TryGetProperty("id", out var id)
                    ? FieldOutcome.Reject($"Component with id '{JsonValues.Raw(id)}' does not exist.")
                    : FieldOutcome.Reject($"Component name '{(item.TryGetProperty("name", out var name) ? JsonValues.Raw(name) : "")}' is not valid");
            }

            components.Add(JiraShapes.Component(context.ApiBase, component));
        }

        return FieldOutcome.Accept(components);
    }

    public MissingField WhenMissing(FieldDefinition field) => MissingField.General("Please provide Component");
}
