using IssueSync.Contracts;

namespace IssueSync.Producer;

/// <summary>Sends <see cref="CreateIssue"/> commands to the IssueSync worker over the host's own MassTransit bus.</summary>
public interface IIssueSyncProducer
{
    /// <summary>
    /// Checks the command for obvious mistakes (throws <see cref="InvalidCreateIssueException"/> naming each one)
    /// and sends it to the worker's input queue. Project-specific rules (required fields, allowed values) are
    /// checked by the worker, which answers with <see cref="IssueCreated"/> or <see cref="IssueCreationFailed"/>.
    /// </summary>
    Task CreateIssueAsync(CreateIssue command, CancellationToken cancellationToken = default);
}
