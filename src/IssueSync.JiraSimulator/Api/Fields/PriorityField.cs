using System.Text.Json;

namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary><c>priority</c>: <c>{"id"}</c> or <c>{"name"}</c> of one of the site's priorities.</summary>
internal sealed class PriorityField : IFieldValidator
{
    public FieldOutcome Validate(FieldContext context, JsonElement value) =>
        JsonValues.ByIdOrName(value, context.Site.Seed.Priorities, p => p.Id, p => p.Name) is { } priority
            ? FieldOutcome.Accept(JiraShapes.Priority(context.ApiBase, priority))
            : FieldOutcome.Reject("The priority selected is invalid.");
}
