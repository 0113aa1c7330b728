using System.Text;
using System.Text.Json;

namespace IssueSync.JiraSimulator.Api;

/// <summary>
/// Writes to an existing issue: <c>PUT /issue/{idOrKey}/properties/{key}</c>. Every write is subject to Jira's
/// per-issue write limits (<c>jira-per-issue-on-write</c>).
/// </summary>
internal static class IssueWriteHandler
{
    public const int MaxPropertyKeyLength = 255;
    public const int MaxPropertyValueBytes = 32_768;

    public static SimResponse SetProperty(RequestContext ctx, string idOrKey, string key, JsonElement value)
    {
        if (IssueReadHandler.FindVisible(ctx, idOrKey) is not { } issue)
        {
            return SimResponse.Errors(404, [IssueReadHandler.NotFound]);
        }

        if (key.Length > MaxPropertyKeyLength)
        {
            return SimResponse.Errors(400, ["The property key cannot be longer than 255 characters."]);
        }

        if (Encoding.UTF8.GetByteCount(value.GetRawText()) > MaxPropertyValueBytes)
        {
            return SimResponse.Errors(400, [$"The property '{key}' has a value longer than 32768 bytes."]);
        }

        if (ctx.State.RateLimiter.PerIssueWrites.TryWrite(ctx.State.Settings, issue.CloudId, issue.Id, ctx.Now) is { } limited)
        {
            return SimulatorPipeline.RateLimited(ctx.State, limited);
        }

        var created = ctx.State.Issues.SetProperty(issue, key, value.Clone());
        return SimResponse.JsonBody(created ? 201 : 200, null);
    }
}
