using System.Text.Json;
using IssueSync.JiraSimulator.State;

namespace IssueSync.JiraSimulator.Api;

/// <summary>
/// The API gateway (<c>api.atlassian.com</c>): <c>/oauth/token/accessible-resources</c> and
/// <c>/ex/jira/{cloudId}/rest/api/3/...</c>. Unknown routes and trailing slashes get the gateway's 401.
/// </summary>
internal static class ApiEndpoints
{
    private const string ReadWork = "read:jira-work";
    private const string WriteWork = "write:jira-work";
    private const string ReadUser = "read:jira-user";
    private const string ReadMe = "read:me";

    public static async Task HandleAsync(HttpContext http)
    {
        var state = http.RequestServices.GetRequiredService<SimulatorState>();
        var path = http.Request.Path.Value ?? "";
        var route = path.EndsWith('/') ? null : Match(http.Request.Method, path);
        if (SimulatorPipeline.GetWithBody(http) is { } withBody)
        {
            await SimulatorPipeline.WriteAsync(http, state, route?.Endpoint ?? "unmatched", withBody);
            return;
        }

        if (route is null)
        {
            await SimulatorPipeline.WriteAsync(http, state, "unmatched", SimResponse.GatewayUnauthorized());
            return;
        }

        var now = state.Now;
        var settings = state.Settings;
        var grant = Bearer(http) is { } token ? state.Tokens.ValidateAccess(token, now, settings) : null;
        var directory = state.Directory;
        var user = grant is null ? null : directory.Users.GetValueOrDefault(grant.AccountId);
        if (grant is null || user is null || (route.Scope is not null && !grant.Scopes.Contains(route.Scope, StringComparer.Ordinal)))
        {
            await SimulatorPipeline.WriteAsync(http, state, route.Endpoint, SimResponse.GatewayUnauthorized());
            return;
        }

        SiteModel? site = null;
        if (route.CloudId is not null)
        {
            if (!directory.UserHasSite(user, route.CloudId))
            {
                var refused = settings.UngrantedCloudIdStatus == 401
                    ? SimResponse.GatewayUnauthorized()
                    : SimResponse.JsonBody(404, new { code = 404, message = "Not Found" });
                await SimulatorPipeline.WriteAsync(http, state, route.Endpoint, refused);
                return;
            }

            site = directory.Sites[route.CloudId];
        }

        await SimulatorPipeline.DelayAsync(state, route.Endpoint, http.RequestAborted);
        if (site is not null)
        {
            var limited = state.RateLimiter.Quota.TryConsume(settings, now)
                ?? state.RateLimiter.Burst.TryTake(settings, site.CloudId, route.Endpoint, http.Request.Method, now);
            if (limited is not null)
            {
                await SimulatorPipeline.WriteAsync(http, state, route.Endpoint, SimulatorPipeline.RateLimited(state, limited));
                return;
            }
        }

        if (SimulatorPipeline.InjectedFault(state, route.Endpoint) is { } fault)
        {
            await SimulatorPipeline.WriteAsync(http, state, route.Endpoint, fault);
            return;
        }

        JsonElement body = default;
        if (HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method))
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
                body = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                await SimulatorPipeline.WriteAsync(http, state, route.Endpoint, SimResponse.Errors(400, [$"Invalid request payload. Refer to the REST API documentation and try again. ({e.Message})"]));
                return;
            }
        }

        var context = new RequestContext(http, state, grant, user, site, SimulatorPipeline.BaseUrl(http, state));
        var response = route.Handler(context, body);
        state.RateLimiter.Quota.Charge(state.Settings, now, response.ExtraQuotaPoints);
        await SimulatorPipeline.WriteAsync(http, state, route.Endpoint, response);
    }

    private static string? Bearer(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static ApiRoute? Match(string method, string path)
    {
        var get = HttpMethods.IsGet(method);
        var post = HttpMethods.IsPost(method);
        var put = HttpMethods.IsPut(method);
        if (path == "/oauth/token/accessible-resources")
        {
            return get ? new ApiRoute("accessible-resources", null, null, (ctx, _) => AccessibleResources(ctx)) : null;
        }

        if (path == "/me")
        {
            return get ? new ApiRoute("me", ReadMe, null, (ctx, _) => Me(ctx)) : null;
        }

        var segments = path.Split('/', StringSplitOptions.None);

        // "", "ex", "jira", cloudId, "rest", "api", "3", ...
        if (segments.Length < 8 || segments[0] != "" || segments[1] != "ex" || segments[2] != "jira"
            || segments[4] != "rest" || segments[5] != "api" || segments[6] != "3" || segments.Skip(1).Any(s => s.Length == 0))
        {
            return null;
        }

        var cloudId = segments[3];
        var r = segments[7..];
        ApiRoute Route(string endpoint, string scope, Func<RequestContext, JsonElement, SimResponse> handler) => new(endpoint, scope, cloudId, handler);
        return r switch
        {
            ["issue", "createmeta"] when get => Route("createmeta-legacy", ReadWork, (_, _) => CreateMetaHandler.Legacy()),
            ["issue", "createmeta", var p, "issuetypes"] when get => Route("createmeta-issuetypes", ReadWork, (ctx, _) => CreateMetaHandler.IssueTypes(ctx, p)),
            ["issue", "createmeta", var p, "issuetypes", var t] when get => Route("createmeta-fields", ReadWork, (ctx, _) => CreateMetaHandler.Fields(ctx, p, t)),
            ["issue"] when post => Route("create-issue", WriteWork, CreateIssueHandler.Handle),
            ["issue", var k] when get => Route("get-issue", ReadWork, (ctx, _) => IssueReadHandler.Get(ctx, k)),
            ["issue", var k, "properties", var pk] when get => Route("get-issue-property", ReadWork, (ctx, _) => IssueReadHandler.Property(ctx, k, pk)),
            ["issue", var k, "properties", var pk] when put => Route("set-issue-property", WriteWork, (ctx, b) => IssueWriteHandler.SetProperty(ctx, k, pk, b)),
            ["search", "jql"] when get || post => Route("search-jql", ReadWork, (ctx, b) =>
                SearchHandler.Read(ctx.Http.Request, b) is { } request ? SearchHandler.Search(ctx, request) : SimResponse.Errors(400, ["Invalid request payload. Refer to the REST API documentation and try again."])),
            ["search", "approximate-count"] when post => Route("search-count", ReadWork, (ctx, b) =>
                SearchHandler.Read(ctx.Http.Request, b) is { } request ? SearchHandler.Count(ctx, request) : SimResponse.Errors(400, ["Invalid request payload. Refer to the REST API documentation and try again."])),
            ["search"] when get || post => Route("search-removed", ReadWork, (_, _) => SearchHandler.Removed()),
            ["project", var k] when get => Route("get-project", ReadWork, (ctx, _) => IssueReadHandler.Project(ctx, k)),
            ["myself"] when get => Route("myself", ReadUser, (ctx, _) => SimResponse.Ok(Shapes(ctx))),
            _ => null,
        };
    }

    private static Dictionary<string, object?> Shapes(RequestContext ctx)
    {
        var shape = JiraShapes.User(ctx.ApiBase, ctx.User);
        shape["emailAddress"] = ctx.User.Email;
        shape["timeZone"] = "Etc/UTC";
        shape["locale"] = "en_US";
        return shape;
    }

    // GET /me: the account the token acts for (User Identity API; scope read:me).
    private static SimResponse Me(RequestContext ctx) => SimResponse.Ok(new Dictionary<string, object?>
    {
        ["account_type"] = "atlassian",
        ["account_id"] = ctx.User.AccountId,
        ["email"] = ctx.User.Email,
        ["name"] = ctx.User.DisplayName,
        ["picture"] = $"https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/{ctx.User.AccountId}/128",
        ["account_status"] = "active",
        ["nickname"] = ctx.User.DisplayName,
        ["zoneinfo"] = "Etc/UTC",
        ["locale"] = "en-US",
    });

    private static SimResponse AccessibleResources(RequestContext ctx)
    {
        var scopes = ctx.Grant.Scopes.Where(s => s is not ("offline_access" or "read:me")).ToArray();
        var sites = ctx.State.Directory.SitesOf(ctx.User).Select(s => new
        {
            id = s.CloudId,
            name = s.Seed.Name,
            url = s.Seed.Url,
            scopes,
            avatarUrl = s.Seed.AvatarUrl ?? "https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/flag.png",
        });
        return SimResponse.Ok(sites.ToArray());
    }
}
