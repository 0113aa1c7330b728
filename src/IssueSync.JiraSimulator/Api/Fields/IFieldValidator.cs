using System.Text.Json;

namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary>The rules of one kind of field on <c>POST /issue</c>: Jira's checks and messages, and Jira's representation of a valid value.</summary>
internal interface IFieldValidator
{
    /// <summary>Checks a value that was sent (not null, not an empty array).</summary>
    FieldOutcome Validate(FieldContext context, JsonElement value);

    /// <summary>What Jira answers when the field is required, has no default and was not sent.</summary>
    MissingField WhenMissing(FieldDefinition field) => MissingField.OnField($"{field.Name} is required.");
}
