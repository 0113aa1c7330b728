using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Messaging;

/// <summary>
/// Endpoint policy for the input queue: concurrency and prefetch from options, raw JSON accepted beside MassTransit
/// envelopes, and the failure policy's rules for faults that are not the message's: a database that is away pauses
/// consumption (messages are retried in place, and the kill switch hands the rest back to the broker for other
/// replicas) instead of dead-lettering live traffic; other unexpected faults get a short retry. Jira's transient
/// failures never reach these retries: they are scheduled durably in the ledger.
/// </summary>
public sealed class CreateIssueConsumerDefinition : ConsumerDefinition<CreateIssueConsumer>
{
    private readonly WorkerOptions _options;
    private readonly DatabaseOutageMonitor _outage;
    private readonly RejectedMessageObserver _rejections;

    public CreateIssueConsumerDefinition(IOptions<WorkerOptions> options, DatabaseOutageMonitor outage, RejectedMessageObserver rejections)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _outage = outage;
        _rejections = rejections;
        EndpointName = options.Value.InputQueue;
        ConcurrentMessageLimit = options.Value.ConcurrencyLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<CreateIssueConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = _options.PrefetchCount;
        // Size before anything is deserialized: an oversize body is refused by its length alone.
        endpointConfigurator.ConfigureReceive(r => r.UseFilter(new MessageSizeFilter(_options.MaxMessageBytes, _rejections)));
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: false);
        endpointConfigurator.UseKillSwitch(k => k
            .SetActivationThreshold(10)
            .SetTripThreshold(0.15)
            .SetRestartTimeout(_options.DatabaseOutage.RestartAfter)
            .SetExceptionFilter(f => f.Handle<Exception>(TransientDatabaseFault.Is)));
        // Outer: a database outage is waited out, however long it lasts; the message never goes to _error for it.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientDatabaseFault.Is);
            r.ConnectRetryObserver(_outage);
            r.Exponential(int.MaxValue, _options.DatabaseOutage.FirstRetry, _options.DatabaseOutage.MaxRetry, _options.DatabaseOutage.FirstRetry);
        });
        // Inner: a few quick retries for anything else unexpected, then _error.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(ex => !TransientDatabaseFault.Is(ex));
            r.Intervals(200, 1000, 3000);
        });
    }
}
