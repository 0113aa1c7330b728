using System.Text.Json;
using System.Text.Json.Serialization;
using IssueSync.Contracts;

namespace IssueSync.Cli.Api;

// The admin API's answers and requests (docs/admin-api.md), read with JsonSerializerDefaults.Web. Ids are kept as
// strings: the CLI only shows and echoes them. Times are UTC.

/// <summary>A Jira site a connection can reach.</summary>
public sealed record SiteView(string Id, string? Name, string? Url);

/// <summary>How many of a connection's commands are in each state.</summary>
public sealed record CommandCounts(int Pending, int InProgress, int Parked, int Failed, int Created, int Discarded);

/// <summary>A connection (one connected Atlassian account); tokens are never part of it.</summary>
public sealed record ConnectionView(
    string Id,
    string Name,
    string Status,
    string? StatusReason,
    string? CloudId,
    string? SiteUrl,
    string? SiteName,
    IReadOnlyList<SiteView>? AvailableSites,
    DateTimeOffset? AccessTokenExpiresAt,
    DateTimeOffset? LastRefreshedAt,
    DateTimeOffset? ThrottledUntil,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    CommandCounts? Commands);

/// <summary>The answer to <c>POST /admin/connections</c>: the new connection and the URL the user opens to consent.</summary>
public sealed record CreatedConnection(ConnectionView Connection, string AuthorizeUrl, DateTimeOffset? AuthorizeExpiresAt);

/// <summary>The answer to <c>POST /admin/connections/{name}/authorize</c>.</summary>
public sealed record AuthorizeLink(string AuthorizeUrl, DateTimeOffset? ExpiresAt);

/// <summary>One command of the ledger.</summary>
public sealed record CommandSummary(
    string Id,
    string IdempotencyKey,
    string? ConnectionId,
    string? ProjectKey,
    string? Summary,
    string State,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? ReasonCode,
    string? LastError,
    string? JiraIssueKey,
    string? CloudId,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? CompletedAt);

/// <summary>One attempt at creating the issue.</summary>
public sealed record AttemptView(int Number, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Outcome, int? HttpStatus, string? Detail, string? Replica);

/// <summary>A command with Jira's per-field errors, the command as received and its attempts.</summary>
public sealed record CommandDetail(CommandSummary Summary, IReadOnlyList<FieldError> FieldErrors, JsonElement? Command, IReadOnlyList<AttemptView> AttemptLog);

/// <summary>One page of a list, newest first (<c>{"items", "page", "pageSize", "total"}</c>; the page number is 1-based).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, [property: JsonPropertyName("page")] int PageNumber, int PageSize, int Total)
{
    /// <summary>The number of pages (at least 1).</summary>
    public int PageCount => PageSize <= 0 || Total <= 0 ? 1 : (int)Math.Ceiling(Total / (double)PageSize);
}

/// <summary>Failed commands grouped by reason.</summary>
public sealed record FailureGroup(string ReasonCode, int Count, DateTimeOffset? Oldest, DateTimeOffset? Newest, string? SampleMessage, IReadOnlyList<string>? Connections);

/// <summary>A message the worker could not accept as a command (unreadable, unknown type, oversize).</summary>
public sealed record RejectedMessageView(
    string Id,
    string ReasonCode,
    string? Reason,
    string? IdempotencyKey,
    string? MessageId,
    string? MessageType,
    string? ContentType,
    long BodyLength,
    DateTimeOffset? ReceivedAt,
    string? RawBody);

/// <summary>A message in MassTransit's <c>_error</c> queue, read without removing it.</summary>
public sealed record ErrorQueueMessage(
    string? MessageId,
    string? ExceptionType,
    string? ExceptionMessage,
    string? Reason,
    string? FaultTimestamp,
    string? InputAddress,
    string? MessageType,
    long BodyLength,
    string? Body);

/// <summary><c>202</c> of <c>POST /admin/commands</c>.</summary>
public sealed record AcceptedResult(int Accepted);

/// <summary>Answer of a bulk or filtered retry.</summary>
public sealed record RetriedResult(int Retried);

/// <summary>Answer of a re-drive of the <c>_error</c> queue.</summary>
public sealed record RedriveResult(int Redriven, int Remaining);

/// <summary>The filters of <c>GET /admin/commands</c>.</summary>
public sealed record CommandQuery
{
    public string? State { get; init; }

    public string? Connection { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }
}

/// <summary>The body of <c>POST /admin/commands/retry</c>: ids, or a filter.</summary>
public sealed record RetryRequest
{
    public IReadOnlyList<string>? Ids { get; init; }

    public string? Reason { get; init; }

    public string? Connection { get; init; }

    public string? State { get; init; }
}

/// <summary>Edit-then-retry: only the fields that are set are sent, and only they replace the failed command's values.</summary>
public sealed record CommandEdit
{
    public string? Summary { get; init; }

    public string? IssueType { get; init; }

    public string? ProjectKey { get; init; }

    public string? Priority { get; init; }

    public IReadOnlyList<string>? Components { get; init; }

    public IReadOnlyList<string>? Labels { get; init; }

    public string? AssigneeAccountId { get; init; }

    public string? DueDate { get; init; }

    public IReadOnlyDictionary<string, JsonElement>? CustomFields { get; init; }

    public string? DescriptionMarkdown { get; init; }

    public JsonElement? DescriptionAdf { get; init; }

    public string? Site { get; init; }
}

/// <summary>The body of <c>POST /admin/error-queue/redrive</c>: message ids, an exception type, or all.</summary>
public sealed record RedriveRequest
{
    public IReadOnlyList<string>? MessageIds { get; init; }

    public string? ExceptionType { get; init; }

    public bool? All { get; init; }
}

/// <summary>A typed answer together with the JSON exactly as the server sent it (for <c>--json</c>).</summary>
public sealed record ApiResponse<T>(T Value, string Json);
