using IssueSync.JiraSimulator.Issues;

namespace IssueSync.JiraSimulator.Api;

/// <summary><c>GET /issue/{idOrKey}</c>, <c>GET /issue/{idOrKey}/properties/{key}</c> and <c>GET /project/{idOrKey}</c>.</summary>
internal static class IssueReadHandler
{
    public const string NotFound = "Issue does not exist or you do not have permission to see it.";

    /// <summary>The issue, when it exists on the site and the user may browse its project.</summary>
    public static SimulatedIssue? FindVisible(RequestContext ctx, string idOrKey) =>
        ctx.State.Issues.Find(ctx.RequiredSite.CloudId, idOrKey) is { } issue && ctx.RequiredSite.FindBrowsable(issue.ProjectKey, ctx.User) is not null
            ? issue
            : null;

    public static SimResponse Get(RequestContext ctx, string idOrKey)
    {
        var issue = FindVisible(ctx, idOrKey);
        if (issue is null)
        {
            return SimResponse.Errors(404, [NotFound]);
        }

        var requested = ctx.Http.Request.Query["fields"].SelectMany(f => (f ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var fields = SearchHandler.SelectFields(issue, requested.Count == 0 ? ["*all"] : requested);
        var shape = new Dictionary<string, object?>
        {
            ["expand"] = "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
            ["id"] = issue.Id,
            ["self"] = $"{ctx.ApiBase}/issue/{issue.Id}",
            ["key"] = issue.Key,
            ["fields"] = fields,
        };
        var properties = ctx.Http.Request.Query["properties"].SelectMany(f => (f ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (properties.Count > 0)
        {
            shape["properties"] = properties.Where(issue.Properties.ContainsKey).ToDictionary(p => p, p => (object)issue.Properties[p], StringComparer.Ordinal);
        }

        return SimResponse.Ok(shape, 1);
    }

    public static SimResponse Property(RequestContext ctx, string idOrKey, string key)
    {
        var issue = FindVisible(ctx, idOrKey);
        if (issue is null)
        {
            return SimResponse.Errors(404, [NotFound]);
        }

        return issue.Properties.TryGetValue(key, out var value)
            ? SimResponse.Ok(new Dictionary<string, object> { ["key"] = key, ["value"] = value })
            : SimResponse.Errors(404, [$"The property with key '{key}' does not exist."]);
    }

    public static SimResponse Project(RequestContext ctx, string idOrKey)
    {
        var project = ctx.RequiredSite.FindBrowsable(idOrKey, ctx.User);
        if (project is null)
        {
            return SimResponse.Errors(404, [$"No project could be found with key '{idOrKey}'."]);
        }

        var shape = JiraShapes.Project(ctx.ApiBase, project);
        shape["issueTypes"] = project.IssueTypes.Select(t => JiraShapes.IssueType(ctx.ApiBase, project, t)).ToList();
        shape["components"] = project.Components.Select(c => JiraShapes.Component(ctx.ApiBase, c)).ToList();
        return SimResponse.Ok(shape, 1);
    }
}
