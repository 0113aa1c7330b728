using IssueSync.Worker.Options;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Messaging;

/// <summary>
/// Endpoint policy for the input queue: concurrency and prefetch from options, raw JSON accepted beside
/// MassTransit envelopes, and only a short in-memory retry for infrastructure hiccups (database briefly away).
/// Jira's transient failures never reach this retry: they are scheduled durably in the ledger.
/// </summary>
public sealed class CreateIssueConsumerDefinition : ConsumerDefinition<CreateIssueConsumer>
{
    private readonly WorkerOptions _options;

    public CreateIssueConsumerDefinition(IOptions<WorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        EndpointName = options.Value.InputQueue;
        ConcurrentMessageLimit = options.Value.ConcurrencyLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<CreateIssueConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = _options.PrefetchCount;
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: false);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(200, 1000, 3000));
    }
}
