using System.Text;
using IssueSync.Worker.Diagnostics;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Messaging;

/// <summary>Records messages that never became ledger entries, with the raw body, so an operator can see and re-drive them.</summary>
public sealed class RejectedMessageStore(IssueSyncDbContext db, TimeProvider time, IOptions<WorkerOptions> options, WorkerMetrics metrics,
    ILogger<RejectedMessageStore> logger)
{
    public async Task RecordAsync(ReceiveContext context, string reasonCode, string reason, string? idempotencyKey, CancellationToken cancellationToken,
        string? messageType = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = context.Body.GetBytes();
        var kept = Math.Min(body.Length, options.Value.MaxMessageBytes);
        var row = new RejectedMessage
        {
            Id = Guid.NewGuid(),
            ReasonCode = reasonCode,
            Reason = reason.Length <= 4000 ? reason : reason[..4000],
            IdempotencyKey = idempotencyKey is { Length: <= 200 } ? idempotencyKey : null,
            MessageId = context.GetMessageId()?.ToString(),
            MessageType = Cut(messageType, 500),
            ContentType = Cut(context.ContentType?.MediaType, 200),
            InputAddress = Cut(context.InputAddress?.ToString(), 500),
            RawBody = Encoding.UTF8.GetString(body, 0, kept),
            BodyLength = body.Length,
            ReceivedAt = time.GetUtcNow().UtcDateTime,
        };
        db.RejectedMessages.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        metrics.MessageRejected(reasonCode);
        logger.LogWarning("Rejected message {MessageId} ({ReasonCode}): {Reason}", row.MessageId, reasonCode, reason);
    }

    private static string? Cut(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
