namespace IssueSync.Worker.Persistence.Entities;

/// <summary>
/// The command ledger: one row per idempotency key, the single source of truth for what happened to a
/// <c>CreateIssue</c> command. The unique key on <see cref="IdempotencyKey"/> is what makes redeliveries harmless.
/// </summary>
public sealed class IssueCommand
{
    public Guid Id { get; set; }

    public required string IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the normalised command: a repeated key with different content is rejected.</summary>
    public required string ContentHash { get; set; }

    public string? ConnectionName { get; set; }

    public string? ProjectKey { get; set; }

    public string? Summary { get; set; }

    public CommandState State { get; set; }

    public int Attempts { get; set; }

    /// <summary>When a scheduled retry is due (durable delayed retry; no broker plug-in).</summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>Set while a replica works on the command; another replica may take over after it lapses.</summary>
    public DateTime? LeaseExpiresAt { get; set; }

    public string? LeaseOwner { get; set; }

    /// <summary>True once a POST may have reached Jira: a retry must look the issue up before posting again.</summary>
    public bool OutcomeUnknown { get; set; }

    public string? DedupeLabel { get; set; }

    /// <summary>When the last create request was sent to Jira (the search index may lag behind it).</summary>
    public DateTime? LastPostedAt { get; set; }

    public string? CloudId { get; set; }

    public string? JiraIssueKey { get; set; }

    public string? JiraIssueId { get; set; }

    public string? ReasonCode { get; set; }

    public string? LastError { get; set; }

    /// <summary>Jira's (or our validator's) per-field errors as a JSON object: field → message.</summary>
    public string? FieldErrorsJson { get; set; }

    /// <summary>The command as received (raw JSON), kept for inspection, edit-then-retry and re-drive.</summary>
    public required string RawCommand { get; set; }

    public string? CorrelationId { get; set; }

    /// <summary>When the result event (IssueCreated / IssueCreationFailed) was published; null = still owed.</summary>
    public DateTime? ResultPublishedAt { get; set; }

    /// <summary>When the producer sent the command: MassTransit's SentTime (for raw JSON, what the transport knows of it).</summary>
    public DateTime? SentAt { get; set; }

    public DateTime ReceivedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public int Version { get; set; }

    public List<CommandAttempt> AttemptLog { get; set; } = [];
}
