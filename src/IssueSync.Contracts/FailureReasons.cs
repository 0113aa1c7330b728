namespace IssueSync.Contracts;

/// <summary>The reason codes of <see cref="IssueCreationFailed.ReasonCode"/>. Stable: operators filter on them.</summary>
public static class FailureReasons
{
    /// <summary>The message body is not a readable command (bad JSON, wrong shape).</summary>
    public const string MalformedCommand = "malformed-command";

    /// <summary>The producer (its broker-verified RabbitMQ user) may not use the command's connection (<c>Producers:AllowedConnections</c>).</summary>
    public const string ProducerNotAllowed = "producer-not-allowed";

    /// <summary>The message is larger than the configured maximum.</summary>
    public const string MessageTooLarge = "message-too-large";

    /// <summary>The idempotency key was used before for a command with different content.</summary>
    public const string IdempotencyKeyConflict = "idempotency-key-conflict";

    /// <summary>No connection of that id exists, or it was disconnected.</summary>
    public const string UnknownConnection = "unknown-connection";

    /// <summary>The requested site is not one the connection can reach.</summary>
    public const string SiteNotFound = "site-not-found";

    /// <summary>A field is missing or has a value the project does not allow (checked before calling Jira, or by Jira).</summary>
    public const string Validation = "validation";

    /// <summary>The description is not a valid Atlassian Document Format document.</summary>
    public const string InvalidAdf = "invalid-adf";

    /// <summary>The description is longer than Jira's 32,767-character limit.</summary>
    public const string TextTooLong = "text-too-long";

    /// <summary>The connected user may not create issues there.</summary>
    public const string PermissionDenied = "permission-denied";

    /// <summary>Transient failures went on for longer than the retry budget.</summary>
    public const string RetriesExhausted = "retries-exhausted";

    /// <summary>The same unexpected error ended every attempt; the message names it.</summary>
    public const string WorkerError = "worker-error";

    /// <summary>Every replica that worked on the command died before finishing (out of memory, a crash); it is kept aside.</summary>
    public const string Quarantined = "quarantined";

    /// <summary>The description is too deeply nested or too large to convert within IssueSync's limits.</summary>
    public const string DescriptionTooComplex = "description-too-complex";

    /// <summary>An operator marked the command as failed; the message says why.</summary>
    public const string FailedByOperator = "failed-by-operator";

    /// <summary>An operator discarded the command; the message says why.</summary>
    public const string Discarded = "discarded";

    /// <summary>Jira answered in a way IssueSync does not know how to handle.</summary>
    public const string Unexpected = "unexpected";
}
