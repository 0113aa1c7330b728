using Microsoft.AspNetCore.Mvc.Filters;

namespace IssueSync.Worker.Console;

/// <summary>
/// Every console page: a Content-Security-Policy that allows only the worker's own script and style (no inline script,
/// no other origin, no framing), no caching of pages that show commands and raw bodies, no MIME sniffing, no referrer.
/// </summary>
public sealed class ConsoleSecurityHeaders : IAsyncPageFilter
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response, bool cacheable)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = cacheable ? "public, max-age=300" : "no-store";
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        Apply(context.HttpContext.Response, cacheable: false);
        await next();
    }
}
