namespace IssueSync.Admin.Contracts;

// Messages that never became commands, and MassTransit's _error queue (docs/admin-api.md).

/// <summary>A message the worker could not accept as a command (unreadable, unknown type, oversize, reused key), with its raw body.</summary>
public sealed record RejectedMessageView(
    Guid Id, string ReasonCode, string Reason, string? IdempotencyKey, string? MessageId, string? MessageType, string? ContentType,
    int BodyLength, DateTime ReceivedAt, string RawBody);

/// <summary>A message in MassTransit's <c>_error</c> queue, read without removing it.</summary>
public sealed record ErrorQueueMessage(
    string? MessageId, string? ExceptionType, string? ExceptionMessage, string? Reason, string? FaultTimestamp, string? InputAddress,
    string? MessageType, int BodyLength, string Body);

/// <summary>The body of <c>POST /admin/error-queue/redrive</c>: message ids, an exception type, or all.</summary>
public sealed record RedriveRequest(IReadOnlyList<string>? MessageIds, string? ExceptionType, bool All);

/// <summary>The answer of a re-drive: how many went back to the input queue, how many stay in <c>_error</c>.</summary>
public sealed record RedriveResult(int Redriven, int Remaining);
