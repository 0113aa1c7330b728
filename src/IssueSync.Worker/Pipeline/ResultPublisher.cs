using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Pipeline;

/// <summary>Publishes the result events of ledger entries and notes that they went out.</summary>
public sealed class ResultPublisher(IssueSyncDbContext db, IPublishEndpoint publish, TimeProvider time)
{
    public async Task PublishResultAsync(IssueCommand command, bool alreadyExisted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var request = CommandLedger.TryReadCommand(command.RawCommand);
        switch (command.State)
        {
            case CommandState.Created:
                // The attempt that created the issue has the connection loaded already; a re-publish reads it.
                var siteUrl = db.Connections.Local.FirstOrDefault(c => c.Name == command.ConnectionName && c.CloudId == command.CloudId)?.SiteUrl
                    ?? await db.Connections.AsNoTracking().Where(c => c.Name == command.ConnectionName && c.CloudId == command.CloudId)
                        .Select(c => c.SiteUrl).FirstOrDefaultAsync(cancellationToken);
                await publish.Publish(new IssueCreated
                {
                    IdempotencyKey = command.IdempotencyKey,
                    ConnectionId = command.ConnectionName ?? "",
                    CloudId = command.CloudId ?? "",
                    IssueKey = command.JiraIssueKey!,
                    IssueId = command.JiraIssueId ?? "",
                    IssueUrl = siteUrl is null ? null : $"{siteUrl.TrimEnd('/')}/browse/{command.JiraIssueKey}",
                    CorrelationId = command.CorrelationId,
                    ExternalReference = request?.ExternalReference,
                    CreatedAt = new DateTimeOffset(command.CompletedAt ?? command.UpdatedAt, TimeSpan.Zero),
                    AlreadyExisted = alreadyExisted,
                }, cancellationToken);
                break;
            case CommandState.Failed or CommandState.Discarded:
                await publish.Publish(new IssueCreationFailed
                {
                    IdempotencyKey = command.IdempotencyKey,
                    ConnectionId = command.ConnectionName,
                    ReasonCode = command.ReasonCode ?? FailureReasons.Unexpected,
                    Message = command.LastError ?? "The command failed.",
                    FieldErrors = command.FieldErrorsJson is null ? [] : JsonSerializer.Deserialize<List<FieldError>>(command.FieldErrorsJson, CommandLedger.CommandJson) ?? [],
                    CorrelationId = command.CorrelationId,
                    ExternalReference = request?.ExternalReference,
                    FailedAt = new DateTimeOffset(command.CompletedAt ?? command.UpdatedAt, TimeSpan.Zero),
                }, cancellationToken);
                break;
            default:
                return;
        }

        if (command.ResultPublishedAt is null)
        {
            command.ResultPublishedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public Task PublishReauthorizationRequiredAsync(JiraConnection connection, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return publish.Publish(new ConnectionReauthorizationRequired
        {
            ConnectionId = connection.Name,
            Reason = reason,
            OccurredAt = time.GetUtcNow(),
        }, cancellationToken);
    }

    /// <summary>Publishes a failure for a message that never became a ledger entry (no retry possible from the ledger).</summary>
    public Task PublishRejectedAsync(string idempotencyKey, string? connectionId, string? correlationId, string reasonCode, string message, CancellationToken cancellationToken) =>
        publish.Publish(new IssueCreationFailed
        {
            IdempotencyKey = idempotencyKey,
            ConnectionId = connectionId,
            ReasonCode = reasonCode,
            Message = message,
            CorrelationId = correlationId,
            FailedAt = time.GetUtcNow(),
        }, cancellationToken);
}
