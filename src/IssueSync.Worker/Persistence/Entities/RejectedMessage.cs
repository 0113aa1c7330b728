namespace IssueSync.Worker.Persistence.Entities;

/// <summary>
/// A message that never became a ledger entry: unreadable JSON, an unknown message type, a missing idempotency
/// key, an oversize body, or a key reused with different content. The raw body is kept for inspection and
/// re-drive.
/// </summary>
public sealed class RejectedMessage
{
    public const int MaxReasonCodeLength = 60;
    public const int MaxReasonLength = 4000;
    public const int MaxIdempotencyKeyLength = IssueCommand.MaxIdempotencyKeyLength;
    public const int MaxMessageIdLength = 100;
    public const int MaxMessageTypeLength = 500;
    public const int MaxContentTypeLength = 200;
    public const int MaxInputAddressLength = 500;

    public Guid Id { get; set; }

    public required string ReasonCode { get; set; }

    public required string Reason { get; set; }

    public string? IdempotencyKey { get; set; }

    public string? MessageId { get; set; }

    public string? MessageType { get; set; }

    public string? ContentType { get; set; }

    public string? InputAddress { get; set; }

    /// <summary>The body as received (UTF-8), cut to the configured maximum size.</summary>
    public required string RawBody { get; set; }

    public int BodyLength { get; set; }

    public DateTime ReceivedAt { get; set; }
}
