using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Console;
using Microsoft.AspNetCore.Mvc.ApplicationParts;

namespace Microsoft.Extensions.DependencyInjection;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// The operator console (<c>/console</c>, mapped by <c>MapIssueSyncConsole</c>): its session cookie, its Razor Pages
    /// (every page needs at least a viewer session, antiforgery on every form), security headers and the services its
    /// pages share.
    /// </summary>
    public static IServiceCollection AddIssueSyncConsole(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAuthentication().AddIssueSyncConsoleCookie();
        services.AddHttpContextAccessor();
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Console/Pages";
            options.Conventions.AuthorizeFolder("/", AdminPolicies.ConsoleViewer);
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.ConfigureFilter(new ConsoleSecurityHeaders());
        }).ConfigureApplicationPartManager(parts =>
        {
            // The pages live in the worker's assembly, which is not the entry assembly when a test, the demo or the
            // benchmark hosts the worker.
            var worker = typeof(ConsoleEndpoints).Assembly;
            if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == worker))
            {
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(worker).GetApplicationParts(worker))
                {
                    parts.ApplicationParts.Add(part);
                }
            }
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "issuesync-console-antiforgery";
            options.Cookie.Path = ConsoleAuthentication.BasePath;
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        services.AddScoped<ConsoleActions>();
        services.AddScoped<ConsoleOverview>();
        return services;
    }
}
