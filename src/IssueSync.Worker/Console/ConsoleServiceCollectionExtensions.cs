using IssueSync.Worker.Console;

namespace Microsoft.Extensions.DependencyInjection;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>The operator console (/console): its session cookie, its pages and their antiforgery.</summary>
    public static IServiceCollection AddIssueSyncConsole(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAuthentication().AddIssueSyncConsoleCookie();
        return services;
    }
}
