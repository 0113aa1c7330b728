using IssueSync.Contracts;

namespace IssueSync.Worker.Admin;

// The admin API's answers (docs/admin-api.md). Tokens are never part of any of them.

public sealed record SiteView(string Id, string Name, string Url);

public sealed record CommandCounts(int Pending, int InProgress, int Parked, int Failed, int Created, int Discarded, int Uncertain);

public sealed record ConnectionView(
    Guid Id,
    string Name,
    string Status,
    string? StatusReason,
    string? CloudId,
    string? SiteUrl,
    string? SiteName,
    IReadOnlyList<SiteView> AvailableSites,
    DateTime? AccessTokenExpiresAt,
    DateTime? LastRefreshedAt,
    DateTime? ThrottledUntil,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    CommandCounts Commands);

public sealed record AuthorizeLink(Uri AuthorizeUrl, DateTime ExpiresAt);

public sealed record CreatedConnectionView(ConnectionView Connection, Uri AuthorizeUrl, DateTime AuthorizeExpiresAt);

public sealed record CommandSummary(
    Guid Id,
    string IdempotencyKey,
    string? ConnectionId,
    string? ProjectKey,
    string? Summary,
    string State,
    int Attempts,
    DateTime? NextAttemptAt,
    string? ReasonCode,
    string? LastError,
    string? JiraIssueKey,
    string? CloudId,
    DateTime ReceivedAt,
    DateTime UpdatedAt,
    DateTime? CompletedAt,
    string Outcome,
    string? DedupeLabel);

public sealed record AttemptView(int Number, DateTime StartedAt, DateTime? FinishedAt, string Outcome, int? HttpStatus, string? Detail, string? Replica,
    double? RetryAfterSeconds);

public sealed record CommandDetail(CommandSummary Summary, IReadOnlyList<FieldError> FieldErrors, CreateIssue? Command, IReadOnlyList<AttemptView> AttemptLog);

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record FailureGroup(string ReasonCode, int Count, DateTime? Oldest, DateTime? Newest, string? SampleMessage, IReadOnlyList<string> Connections);

public sealed record RejectedMessageView(
    Guid Id, string ReasonCode, string Reason, string? IdempotencyKey, string? MessageId, string? MessageType, string? ContentType,
    int BodyLength, DateTime ReceivedAt, string RawBody);

public sealed record ErrorQueueMessage(
    string? MessageId, string? ExceptionType, string? ExceptionMessage, string? Reason, string? FaultTimestamp, string? InputAddress,
    string? MessageType, int BodyLength, string Body);

public sealed record RetryFilter(IReadOnlyList<string>? Ids, string? Reason, string? Connection, string? State);

public sealed record DiscardRequest(string? Reason);

/// <summary>An operator's decision on an uncertain command: the key of the issue that exists, or post it again.</summary>
public sealed record ResolveRequest(string? IssueKey, bool PostAgain);

public sealed record ChooseSiteRequest(string? Site);

public sealed record NewConnectionRequest(string? Name);

public sealed record RedriveRequest(IReadOnlyList<string>? MessageIds, string? ExceptionType, bool All);

public sealed record RedriveResult(int Redriven, int Remaining);

/// <summary>Edit-then-retry: only the fields present replace the failed command's values.</summary>
public sealed record CommandEdit
{
    public string? Site { get; init; }

    public string? ProjectKey { get; init; }

    public string? IssueType { get; init; }

    public string? Summary { get; init; }

    public string? DescriptionMarkdown { get; init; }

    public System.Text.Json.JsonElement? DescriptionAdf { get; init; }

    public string? Priority { get; init; }

    public IReadOnlyList<string>? Components { get; init; }

    public IReadOnlyList<string>? Labels { get; init; }

    public string? AssigneeAccountId { get; init; }

    public string? DueDate { get; init; }

    public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? CustomFields { get; init; }
}
