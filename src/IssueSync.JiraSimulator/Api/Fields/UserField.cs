using System.Text.Json;

namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary><c>assignee</c>, <c>reporter</c>: <c>{"accountId"}</c> or <c>{"id"}</c> of a user who has the site.</summary>
internal sealed class UserField : IFieldValidator
{
    public FieldOutcome Validate(FieldContext context, JsonElement value)
    {
        var accountId = value.ValueKind == JsonValueKind.Object
            ? (value.TryGetProperty("accountId", out var a) ? a : value.TryGetProperty("id", out var i) ? i : default)
            : default;
        var directory = context.Request.State.Directory;
        return accountId.ValueKind == JsonValueKind.String
               && directory.Users.TryGetValue(accountId.GetString()!, out var user)
               && directory.UserHasSite(user, context.Site.CloudId)
            ? FieldOutcome.Accept(JiraShapes.User(context.ApiBase, user))
            : FieldOutcome.Reject("Specified user does not exist or you do not have required permissions");
    }
}
