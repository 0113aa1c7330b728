using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using IssueSync.Contracts;

namespace IssueSync.Admin.Contracts;

// The command ledger (docs/admin-api.md, "Commands"). Times are UTC.

/// <summary>One command of the ledger.</summary>
public record CommandSummary
{
    public required Guid Id { get; init; }

    public required string IdempotencyKey { get; init; }

    public string? ConnectionId { get; init; }

    public string? ProjectKey { get; init; }

    public string? Summary { get; init; }

    /// <summary>Pending, InProgress, Uncertain, Parked, Created, Failed or Discarded.</summary>
    public required string State { get; init; }

    /// <summary>Attempts that counted against the retry budget.</summary>
    public int Attempts { get; init; }

    /// <summary>When the command is due: the next attempt, the next lookup of an uncertain create, or the end of a wait.</summary>
    public DateTime? NextAttemptAt { get; init; }

    public string? ReasonCode { get; init; }

    public string? LastError { get; init; }

    public string? JiraIssueKey { get; init; }

    public string? CloudId { get; init; }

    public required DateTime ReceivedAt { get; init; }

    public required DateTime UpdatedAt { get; init; }

    public DateTime? CompletedAt { get; init; }

    /// <summary>What is known of the create requests sent so far: NotPosted, MayExist (the issue may exist in Jira) or Rejected.</summary>
    public required string Outcome { get; init; }

    /// <summary>The label the issue carries in Jira, by which an uncertain create is looked up.</summary>
    public string? DedupeLabel { get; init; }
}

/// <summary>A command with Jira's per-field errors, the command as received and every attempt (one flat object).</summary>
public sealed record CommandDetail : CommandSummary
{
    public CommandDetail()
    {
    }

    [SetsRequiredMembers]
    public CommandDetail(CommandSummary summary)
        : base(summary)
    {
    }

    // After the summary's properties (System.Text.Json writes a derived type's properties first otherwise).
    [JsonPropertyOrder(1)]
    public IReadOnlyList<FieldError> FieldErrors { get; init; } = [];

    /// <summary>The <c>CreateIssue</c> as the ledger holds it; null when its JSON cannot be read.</summary>
    [JsonPropertyOrder(1)]
    public CreateIssue? Command { get; init; }

    [JsonPropertyOrder(1)]
    public IReadOnlyList<AttemptView> AttemptLog { get; init; } = [];

    /// <summary>What operators did to the command (the audit trail), oldest first.</summary>
    [JsonPropertyOrder(2)]
    public IReadOnlyList<HistoryEntry> History { get; init; } = [];
}

/// <summary>
/// One operator call that changed (or tried to change) a command: the key's name and role, the use case, its HTTP status,
/// what the operator said, and whether it came through the admin API or the console.
/// </summary>
public sealed record HistoryEntry(DateTime At, string Actor, string Role, string Action, int Status, string? Detail, string Surface);

/// <summary>One try at a command and what came of it; <paramref name="RetryAfterSeconds"/> is the wait Jira asked for.</summary>
public sealed record AttemptView(
    int Number, DateTime StartedAt, DateTime? FinishedAt, string Outcome, int? HttpStatus, string? Detail, string? Replica, double? RetryAfterSeconds);

/// <summary>One page of a list, newest first; <paramref name="Page"/> is 1-based.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>Failed commands that share a reason code (the failure inbox).</summary>
public sealed record FailureGroup(string ReasonCode, int Count, DateTime? Oldest, DateTime? Newest, string? SampleMessage, IReadOnlyList<string> Connections);

/// <summary>The answer to <c>POST /admin/commands</c>: how many commands went to the input queue.</summary>
public sealed record PublishResult(int Accepted);

/// <summary>The answer to <c>POST /admin/commands/retry</c>.</summary>
public sealed record RetryResult(int Retried);
