using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Pipeline;

/// <summary>Publishes the answers: IssueCreated for created commands, IssueCreationFailed for failed or discarded ones.</summary>
public sealed class ResultPublisher(IssueSyncDbContext db, IPublishEndpoint publish, TimeProvider time, ILogger<ResultPublisher> logger)
{
    /// <summary>Publishes a terminal command's answer. False when it could not be sent (it stays owed) or there is none.</summary>
    public Task<bool> TryPublishAsync(IssueCommand command, bool alreadyExisted, CancellationToken cancellationToken) =>
        TryPublishAsync(command, alreadyExisted, null, cancellationToken);

    /// <summary>
    /// Publishes a terminal command's answer; <paramref name="connection"/>, when the caller has read it already (the
    /// attempt that just created the issue), gives the site URL without reading the connection again.
    /// </summary>
    public async Task<bool> TryPublishAsync(IssueCommand command, bool alreadyExisted, JiraConnection? connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            return await PublishAsync(command, alreadyExisted, connection, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The answer to command {CommandId} could not be published; it stays owed", command.Id);
            return false;
        }
    }

    private async Task<bool> PublishAsync(IssueCommand command, bool alreadyExisted, JiraConnection? connection, CancellationToken cancellationToken)
    {
        var request = CommandLedger.TryReadCommand(command.RawCommand);
        switch (command.State)
        {
            case CommandState.Created:
                var siteUrl = await SiteUrlAsync(command, connection, cancellationToken);
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
                return true;
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
                return true;
            default:
                return false;
        }
    }

    // The connection's site URL when the issue is on the connection's chosen site (null for another site of the account).
    private async Task<string?> SiteUrlAsync(IssueCommand command, JiraConnection? known, CancellationToken cancellationToken)
    {
        if (known is not null && known.Name == command.ConnectionName)
        {
            return known.CloudId == command.CloudId ? known.SiteUrl : null;
        }

        return db.Connections.Local.FirstOrDefault(c => c.Name == command.ConnectionName && c.CloudId == command.CloudId)?.SiteUrl
            ?? await db.Connections.AsNoTracking().Where(c => c.Name == command.ConnectionName && c.CloudId == command.CloudId)
                .Select(c => c.SiteUrl).FirstOrDefaultAsync(cancellationToken);
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

    /// <summary>Answers a message that never became a ledger entry (its key is in no ledger row).</summary>
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
