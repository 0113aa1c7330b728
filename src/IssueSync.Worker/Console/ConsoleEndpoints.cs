using IssueSync.Worker.Console;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The operator console under <c>/console</c>: its pages and its two assets (console.css, console.js: served from the
/// worker's own resources, no CDN, no build step). One call, so the whole console can be put on the operator port.
/// </summary>
public static class ConsoleEndpoints
{
    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["console.css"] = "text/css; charset=utf-8",
        ["console.js"] = "text/javascript; charset=utf-8",
    };

    /// <summary>Maps the console; the answer applies conventions (RequireHost …) to all of it.</summary>
    public static IEndpointConventionBuilder MapIssueSyncConsole(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var pages = app.MapRazorPages();
        var assets = app.MapGet(ConsoleAuthentication.BasePath + "/assets/{name}", ServeAsset).AllowAnonymous();
        return new AllOf(pages, assets);
    }

    private static IResult ServeAsset(string name, HttpResponse response)
    {
        if (!Assets.TryGetValue(name, out var contentType)
            || typeof(ConsoleEndpoints).Assembly.GetManifestResourceStream("IssueSync.Console." + name) is not { } stream)
        {
            return Results.NotFound();
        }

        ConsoleSecurityHeaders.Apply(response, cacheable: true);
        return Results.Stream(stream, contentType);
    }

    private sealed class AllOf(params IEndpointConventionBuilder[] builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
