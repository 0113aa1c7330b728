using System.Globalization;
using IssueSync.JiraSimulator.Seed;

namespace IssueSync.JiraSimulator.Api;

/// <summary>
/// <c>GET /issue/createmeta</c> (deprecated: 404) and the paginated
/// <c>/issue/createmeta/{projectIdOrKey}/issuetypes[/{issueTypeId}]</c> (docs/atlassian-api.md §3).
/// </summary>
internal static class CreateMetaHandler
{
    private const int MaxResultsLimit = 200;

    public static SimResponse Legacy() =>
        SimResponse.Errors(404, ["The requested API has been removed. Use GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes and /issuetypes/{issueTypeId} instead. See https://developer.atlassian.com/cloud/jira/platform/changelog/#CHANGE-1304 for more details."]);

    public static SimResponse IssueTypes(RequestContext ctx, string projectIdOrKey)
    {
        if (!TryPage(ctx, out var startAt, out var pageSize, out var error))
        {
            return error;
        }

        if (ctx.RequiredSite.FindBrowsable(projectIdOrKey, ctx.User) is not { } project)
        {
            return ProjectNotFound(projectIdOrKey);
        }

        // Projects the user cannot create in are filtered: an empty page, not an error (JRASERVER-39241).
        var types = ctx.RequiredSite.AccessOf(project, ctx.User).MayCreate ? project.IssueTypes : [];
        var page = types.Skip(startAt).Take(pageSize).Select(t => JiraShapes.IssueType(ctx.ApiBase, project, t)).ToList();
        return SimResponse.Ok(
            new { maxResults = pageSize, startAt, total = types.Count, issueTypes = page },
            page.Count);
    }

    public static SimResponse Fields(RequestContext ctx, string projectIdOrKey, string issueTypeId)
    {
        if (!TryPage(ctx, out var startAt, out var pageSize, out var error))
        {
            return error;
        }

        if (ctx.RequiredSite.FindBrowsable(projectIdOrKey, ctx.User) is not { } project)
        {
            return ProjectNotFound(projectIdOrKey);
        }

        var type = project.IssueTypes.FirstOrDefault(t => t.Id == issueTypeId);
        if (type is null)
        {
            return SimResponse.Errors(404, [$"The issue type with id '{issueTypeId}' does not exist or is not valid for project '{project.Key}'."]);
        }

        var access = ctx.RequiredSite.AccessOf(project, ctx.User);
        var fields = access.MayCreate ? AllFields(ctx, project, type, access) : [];
        var page = fields.Skip(startAt).Take(pageSize).ToList();
        return SimResponse.Ok(new { maxResults = pageSize, startAt, total = fields.Count, fields = page }, page.Count);
    }

    private static List<Dictionary<string, object?>> AllFields(RequestContext ctx, SeedProject project, SeedIssueType type, State.ProjectAccess access)
    {
        var site = ctx.RequiredSite;
        var result = new List<Dictionary<string, object?>>
        {
            Field("issuetype", "Issue Type", true, false, [], new Dictionary<string, object> { ["type"] = "issuetype", ["system"] = "issuetype" }, [JiraShapes.IssueType(ctx.ApiBase, project, type)]),
            Field("project", "Project", true, false, ["set"], new Dictionary<string, object> { ["type"] = "project", ["system"] = "project" }, [JiraShapes.Project(ctx.ApiBase, project)]),
        };
        foreach (var field in FieldDefinition.ScreenOf(site, type, access))
        {
            List<object>? allowed = field.Kind switch
            {
                FieldKind.Priority => [.. site.Seed.Priorities.Select(p => JiraShapes.Priority(ctx.ApiBase, p))],
                FieldKind.Components => [.. project.Components.Select(c => JiraShapes.Component(ctx.ApiBase, c))],
                FieldKind.Select or FieldKind.MultiSelect => [.. field.Custom!.Options.Select(o => JiraShapes.Option(ctx.ApiBase, o))],
                _ => null,
            };
            var shape = Field(field.Id, field.Name, field.Required, field.HasDefaultValue, field.Operations, field.Schema, allowed);
            if (field.Kind == FieldKind.Priority && site.DefaultPriority is { } def)
            {
                shape["defaultValue"] = JiraShapes.Priority(ctx.ApiBase, def);
            }

            if (field.Kind is FieldKind.Labels)
            {
                shape["autoCompleteUrl"] = $"{ctx.ApiBase.Replace("/rest/api/3", "", StringComparison.Ordinal)}/rest/api/1.0/labels/suggest?query=";
            }
            else if (field.Kind is FieldKind.User)
            {
                shape["autoCompleteUrl"] = $"{ctx.ApiBase}/user/search?query=";
            }

            result.Add(shape);
        }

        return result;
    }

    private static Dictionary<string, object?> Field(string id, string name, bool required, bool hasDefault, string[] operations, Dictionary<string, object> schema, List<object>? allowedValues)
    {
        var shape = new Dictionary<string, object?>
        {
            ["required"] = required,
            ["schema"] = schema,
            ["name"] = name,
            ["key"] = id,
            ["fieldId"] = id,
            ["hasDefaultValue"] = hasDefault,
            ["operations"] = operations,
        };
        if (allowedValues is not null)
        {
            shape["allowedValues"] = allowedValues;
        }

        return shape;
    }

    private static SimResponse ProjectNotFound(string projectIdOrKey) =>
        SimResponse.Errors(404, [$"No project could be found with key '{projectIdOrKey}'."]);

    private static bool TryPage(RequestContext ctx, out int startAt, out int pageSize, out SimResponse error)
    {
        var query = ctx.Http.Request.Query;
        startAt = 0;
        pageSize = 0;
        error = null!;
        var maxResults = 50;
        if (query.TryGetValue("startAt", out var s) && !int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out startAt))
        {
            error = SimResponse.Errors(400, ["Invalid parameter 'startAt'."]);
            return false;
        }

        if (query.TryGetValue("maxResults", out var m) && !int.TryParse(m, NumberStyles.Integer, CultureInfo.InvariantCulture, out maxResults))
        {
            error = SimResponse.Errors(400, ["Invalid parameter 'maxResults'."]);
            return false;
        }

        if (maxResults > MaxResultsLimit)
        {
            error = SimResponse.Errors(400, [$"Parameter 'maxResults' must not exceed the limit '{MaxResultsLimit}'"]);
            return false;
        }

        if (startAt < 0 || maxResults < 0)
        {
            error = SimResponse.Errors(400, ["Parameters 'startAt' and 'maxResults' must not be negative."]);
            return false;
        }

        pageSize = Math.Min(maxResults, ctx.State.Settings.CreateMetaMaxPageSize);
        return true;
    }
}
