using IssueSync.Jira;
using IssueSync.Jira.OAuth;
using IssueSync.Jira.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Atlassian OAuth client and the Jira Cloud REST client.</summary>
public static class AtlassianJiraServiceCollectionExtensions
{
    /// <summary>Registers the clients with options bound from <paramref name="section"/> (usually <c>Atlassian</c>), validated at start.</summary>
    public static IServiceCollection AddAtlassianJira(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<AtlassianOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        return AddClients(services);
    }

    /// <summary>Registers the clients with options set in code, validated at start.</summary>
    public static IServiceCollection AddAtlassianJira(this IServiceCollection services, Action<AtlassianOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AtlassianOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        return AddClients(services);
    }

    private static IServiceCollection AddClients(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AtlassianOptions>, AtlassianOptionsValidator>());

        // No resilience handler on purpose: the worker owns retries, and a blind re-POST of an issue creates duplicates.
        // HttpClient's own timeout is off; each call applies AtlassianOptions.RequestTimeout so it can classify the outcome.
        // The factory's default loggers go: at Trace they put the raw Authorization header into the structured log state
        // (only the formatted text is redacted). The clients log method, route, status and duration themselves.
        services.AddHttpClient<IAtlassianOAuthClient, AtlassianOAuthClient>(client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddHttpClient<IJiraCloudClient, JiraCloudClient>(client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        return services;
    }
}
