namespace IssueSync.Worker.Persistence.Entities;

/// <summary>
/// The command ledger: one row per idempotency key, the single source of truth for what happened to a
/// <c>CreateIssue</c> command. The unique key on <see cref="IdempotencyKey"/> makes redeliveries harmless.
/// The lifecycle fields have private setters: they change only through the transitions in
/// <c>IssueCommand.Lifecycle.cs</c>, and every write is fenced by <see cref="Version"/>.
/// </summary>
public sealed partial class IssueCommand
{
    public const int MaxIdempotencyKeyLength = 200;
    public const int MaxConnectionNameLength = 200;
    public const int MaxProjectKeyLength = 100;
    public const int MaxSummaryLength = 300;
    public const int MaxCorrelationIdLength = 200;
    public const int MaxReasonCodeLength = 60;
    public const int MaxLastErrorLength = 4000;
    public const int MaxLeaseOwnerLength = 200;

    public Guid Id { get; set; }

    public required string IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the normalised command: a repeated key with different content is rejected.</summary>
    public required string ContentHash { get; set; }

    public string? ConnectionName { get; set; }

    public string? ProjectKey { get; set; }

    public string? Summary { get; set; }

    public CommandState State { get; private set; }

    /// <summary>What is known of the create requests sent so far.</summary>
    public OutcomeKnowledge Outcome { get; private set; }

    /// <summary>Attempts that count against the retry budget (waits, pacing and lookups do not).</summary>
    public int Attempts { get; private set; }

    /// <summary>Every try, counted or not: numbers the attempt log.</summary>
    public int Tries { get; private set; }

    /// <summary>Times a replica took the command over because the previous holder's lease lapsed (it died or hung).</summary>
    public int AbandonedAttempts { get; private set; }

    /// <summary>
    /// The holder is reading and converting the command's content (set by the claim of a command abandoned before,
    /// cleared once the content is converted): a holder that dies with this set died on the content.
    /// </summary>
    public bool InContentStage { get; private set; }

    /// <summary>Holders that died inside the content stage; enough of them quarantine the command.</summary>
    public int ContentStageCrashes { get; private set; }

    /// <summary>Consecutive attempts that ended in the same unexpected worker error.</summary>
    public int ConsecutiveWorkerErrors { get; private set; }

    /// <summary>When the command is due: the next attempt, the next lookup, or the end of a wait.</summary>
    public DateTime? NextAttemptAt { get; private set; }

    /// <summary>Identifies one claim: the holder's writes are fenced by <see cref="Version"/>, this tells holders apart in logs.</summary>
    public Guid? LeaseId { get; private set; }

    public string? LeaseOwner { get; private set; }

    /// <summary>Another replica may take the command over once this has passed.</summary>
    public DateTime? LeaseExpiresAt { get; private set; }

    public string? DedupeLabel { get; private set; }

    /// <summary>When the last create request was sent (ledger clock); lookups are scheduled from it.</summary>
    public DateTime? LastPostedAt { get; private set; }

    /// <summary>Lookups since the last create request that did not find the issue.</summary>
    public int LookupsDone { get; private set; }

    public string? CloudId { get; private set; }

    public string? JiraIssueKey { get; private set; }

    public string? JiraIssueId { get; private set; }

    public string? ReasonCode { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Jira's (or our validator's) per-field errors as a JSON array of field errors.</summary>
    public string? FieldErrorsJson { get; private set; }

    /// <summary>The command as received (raw JSON), kept for inspection, edit-then-retry and re-drive.</summary>
    public required string RawCommand { get; set; }

    public string? CorrelationId { get; set; }

    /// <summary>When the result event (IssueCreated / IssueCreationFailed) went out; null = still owed.</summary>
    public DateTime? ResultPublishedAt { get; private set; }

    /// <summary>When the producer sent the command: MassTransit's SentTime (for raw JSON, what the transport knows of it).</summary>
    public DateTime? SentAt { get; set; }

    public DateTime ReceivedAt { get; set; }

    public DateTime UpdatedAt { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    /// <summary>The optimistic concurrency token: every write is conditional on the version its writer last saw.</summary>
    public int Version { get; set; }

    public List<CommandAttempt> AttemptLog { get; set; } = [];
}
