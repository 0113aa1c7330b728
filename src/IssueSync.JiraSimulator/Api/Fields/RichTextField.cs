using System.Text.Json;
using IssueSync.JiraSimulator.Adf;

namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary><c>description</c>, <c>environment</c> and textarea custom fields: an ADF document within Jira's length limit.</summary>
internal sealed class RichTextField : IFieldValidator
{
    public FieldOutcome Validate(FieldContext context, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return FieldOutcome.Reject("Operation value must be an Atlassian Document (see the Atlassian Document Format)");
        }

        if (!AdfValidator.IsValid(value))
        {
            return FieldOutcome.InvalidDocument;
        }

        return JiraTextLength.Of(value) > JiraTextLength.Limit
            ? FieldOutcome.Reject("The entered text is too long. It exceeds the allowed limit of 32,767 characters.")
            : FieldOutcome.Accept(value.Clone());
    }
}
