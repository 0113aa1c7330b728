using System.Reflection;

namespace IssueSync.Worker.Admin.Audit;

/// <summary>
/// Puts every state-changing admin API call (any method but GET and HEAD) through <see cref="AdminAudit"/>. The action is
/// the slice's name (the class whose handler serves the route), the target the route's <c>id</c> or <c>name</c>.
/// </summary>
public sealed class AuditFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            return await next(context);
        }

        var endpoint = http.GetEndpoint();
        var action = endpoint?.Metadata.GetMetadata<MethodInfo>()?.DeclaringType?.Name ?? endpoint?.DisplayName ?? http.Request.Path.Value ?? "";
        var target = (http.Request.RouteValues["id"] ?? http.Request.RouteValues["name"])?.ToString();
        object? answer = null;
        await http.RequestServices.GetRequiredService<AdminAudit>().RunAsync(http.User, action, target, AdminAudit.ApiSurface, async () =>
        {
            answer = await next(context);
            return answer as IResult ?? Results.Ok(answer);
        });
        return answer;
    }
}
