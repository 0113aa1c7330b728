using IssueSync.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IssueSync.Producer;

internal sealed class IssueSyncProducer(ISendEndpointProvider sendEndpoints, IOptions<IssueSyncProducerOptions> options) : IIssueSyncProducer
{
    public async Task CreateIssueAsync(CreateIssue command, CancellationToken cancellationToken = default)
    {
        var problems = CreateIssueChecks.Find(command);
        if (problems.Count > 0)
        {
            throw new InvalidCreateIssueException(problems);
        }

        // The exchange, not "queue:": a queue: address would declare a classic queue, which clashes with the
        // worker's quorum queue of the same name.
        var endpoint = await sendEndpoints.GetSendEndpoint(new Uri($"exchange:{options.Value.InputQueue}"));
        if (options.Value.RabbitMqUser is not { Length: > 0 } user)
        {
            await endpoint.Send(command, cancellationToken);
            return;
        }

        await endpoint.Send(command, context =>
        {
            if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
            {
                rabbit.BasicProperties.UserId = user;
            }
        }, cancellationToken);
    }
}
