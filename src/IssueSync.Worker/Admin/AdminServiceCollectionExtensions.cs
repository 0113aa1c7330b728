using IssueSync.Producer;
using IssueSync.Worker.Admin;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Admin.Audit;
using IssueSync.Worker.Admin.Commands;
using IssueSync.Worker.Admin.Connections;
using IssueSync.Worker.Admin.Messages;
using IssueSync.Worker.Console;
using IssueSync.Worker.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class AdminServiceCollectionExtensions
{
    /// <summary>The admin API and the console: API-key and session authentication, the role policies, the audit trail and the services the slices share.</summary>
    public static IServiceCollection AddIssueSyncAdmin(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AdminOptions>()
            .BindConfiguration(AdminOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.AddSingleton<AdminKeyRing>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder().AddIssueSyncPolicies(ApiKeyAuthenticationHandler.SchemeName, ConsoleAuthentication.SchemeName);
        services.AddProblemDetails();

        // POST /admin/commands sends through the producer library, to the queue this worker reads.
        services.AddIssueSyncProducer();
        services.AddOptions<IssueSyncProducerOptions>().Configure<IOptions<WorkerOptions>>((producer, worker) => producer.InputQueue = worker.Value.InputQueue);

        services.AddScoped<AdminAudit>();
        services.AddScoped<CommandFinder>();
        services.AddScoped<OperatorTransitions>();
        services.AddScoped<EditPreflight>();
        services.AddScoped<JiraIssueFinder>();
        services.AddScoped<ConnectionViewer>();
        services.AddScoped<AuthorizeLinks>();
        services.AddSingleton<ErrorQueueClient>();
        return services;
    }
}
