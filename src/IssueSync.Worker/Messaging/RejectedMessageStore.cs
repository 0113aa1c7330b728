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
        var length = context.Body.Length ?? 0;
        var kept = Prefix(context, options.Value.MaxMessageBytes);
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
            RawBody = Encoding.UTF8.GetString(kept),
            BodyLength = (int)Math.Min(length, int.MaxValue),
            ReceivedAt = time.GetUtcNow().UtcDateTime,
        };
        db.RejectedMessages.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        metrics.MessageRejected(reasonCode);
        logger.LogWarning("Rejected message {MessageId} ({ReasonCode}): {Reason}", row.MessageId, reasonCode, reason);
    }

    /// <summary>At most the first <paramref name="maxBytes"/> of a body, read from its stream (never the whole of a huge one).</summary>
    public static byte[] Prefix(ReceiveContext context, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var stream = context.Body.GetStream();
        var buffer = new byte[(int)Math.Min(maxBytes, context.Body.Length ?? maxBytes)];
        var read = 0;
        while (read < buffer.Length && stream.Read(buffer, read, buffer.Length - read) is var n and > 0)
        {
            read += n;
        }

        return read == buffer.Length ? buffer : buffer[..read];
    }

    private static string? Cut(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
