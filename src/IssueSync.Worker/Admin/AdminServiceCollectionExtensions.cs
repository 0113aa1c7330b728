using IssueSync.Producer;
using IssueSync.Worker.Admin;
using IssueSync.Worker.Admin.Commands;
using IssueSync.Worker.Admin.Connections;
using IssueSync.Worker.Admin.Messages;
using IssueSync.Worker.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class AdminServiceCollectionExtensions
{
    /// <summary>The admin API: API-key authentication, its authorization policy and the services its slices share.</summary>
    public static IServiceCollection AddIssueSyncAdmin(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AdminOptions>()
            .BindConfiguration(AdminOptions.SectionName)
            .Validate(o => o.OAuthStateLifetime > TimeSpan.Zero && o.OAuthStateLifetime <= TimeSpan.FromHours(1),
                "Admin:OAuthStateLifetime must be between 0 and 1 hour.")
            .Validate(o => o.ApiKeys.All(k => k.Length >= 16), "Admin:ApiKeys: every key must be at least 16 characters long.")
            .ValidateOnStart();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(Microsoft.AspNetCore.Builder.AdminApi.PolicyName, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        services.AddProblemDetails();

        // POST /admin/commands sends through the producer library, to the queue this worker reads.
        services.AddIssueSyncProducer();
        services.AddOptions<IssueSyncProducerOptions>().Configure<IOptions<WorkerOptions>>((producer, worker) => producer.InputQueue = worker.Value.InputQueue);

        services.AddScoped<CommandFinder>();
        services.AddScoped<OperatorTransitions>();
        services.AddScoped<JiraIssueFinder>();
        services.AddScoped<ConnectionViewer>();
        services.AddScoped<AuthorizeLinks>();
        services.AddSingleton<ErrorQueueClient>();
        return services;
    }
}
