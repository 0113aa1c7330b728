using IssueSync.Jira.OAuth;
using IssueSync.Jira.Rest;
using IssueSync.Worker.Persistence;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IssueSync.IntegrationTests.Infrastructure;

/// <summary>What a test can put into a worker replica's services to play a race in a chosen order.</summary>
public static class WorkerTestServices
{
    /// <summary>The replica's clock (a FakeTimeProvider the test advances).</summary>
    public static IServiceCollection UseClock(this IServiceCollection services, TimeProvider time) =>
        services.Replace(ServiceDescriptor.Singleton(time));

    /// <summary>Every request to Atlassian (REST and OAuth) passes through <paramref name="gate"/>.</summary>
    public static IServiceCollection AddHttpGate(this IServiceCollection services, HttpGate gate)
    {
        services.AddHttpClient(nameof(IJiraCloudClient)).AddHttpMessageHandler(gate.CreateHandler);
        services.AddHttpClient(nameof(IAtlassianOAuthClient)).AddHttpMessageHandler(gate.CreateHandler);
        return services;
    }

    /// <summary>Database commands of the replica can be made to fail.</summary>
    public static IServiceCollection AddDbFaults(this IServiceCollection services, DbFaults faults) =>
        services.ConfigureDbContext<PostgresIssueSyncDbContext>((_, options) => options.AddInterceptors(faults));

    /// <summary>Shortens how long MassTransit lets consumers finish at shutdown before cancelling them.</summary>
    public static IServiceCollection CancelConsumersAtStop(this IServiceCollection services) =>
        services.Configure<MassTransitHostOptions>(o => o.ConsumerStopTimeout = TimeSpan.Zero);
}
