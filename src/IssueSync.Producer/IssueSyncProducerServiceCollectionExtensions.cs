using IssueSync.Producer;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the IssueSync producer.</summary>
public static class IssueSyncProducerServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IIssueSyncProducer"/>, which sends through the MassTransit bus the host already configured
    /// (it does not call AddMassTransit itself).
    /// </summary>
    public static IServiceCollection AddIssueSyncProducer(this IServiceCollection services, Action<IssueSyncProducerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<IssueSyncProducerOptions>()
            .Validate(o => !string.IsNullOrWhiteSpace(o.InputQueue), "IssueSync producer: InputQueue is required.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddScoped<IIssueSyncProducer, IssueSyncProducer>();
        return services;
    }
}
