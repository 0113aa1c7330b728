using IssueSync.Contracts;

namespace IssueSync.Worker.Pipeline;

/// <summary>What one attempt at a command came to; <see cref="CommandProcessor"/> records it in the ledger.</summary>
public abstract record AttemptOutcome(string Code, string Message)
{
    public int? HttpStatus { get; init; }

    public sealed record Created(string IssueKey, string IssueId, string CloudId, bool FoundByDedupe)
        : AttemptOutcome("created", FoundByDedupe ? "Found the issue of an earlier uncertain attempt." : "Created.");

    /// <summary>Permanent: recorded as failed, published as IssueCreationFailed, waits for an operator.</summary>
    public sealed record Failed(string ReasonCode, string Reason, IReadOnlyList<FieldError> FieldErrors) : AttemptOutcome(ReasonCode, Reason);

    /// <summary>
    /// Transient: retried durably at <see cref="NotBefore"/>. <see cref="CountsAsAttempt"/> is false for waits that
    /// are not failures. <see cref="OutcomeUnknown"/> says what is now known of an earlier create request: true
    /// (it may have created the issue), false (Jira's answer to it proves it did not), or null (nothing new: a
    /// failure before any create request leaves what the ledger knew as it was).
    /// </summary>
    public sealed record Retry(string ReasonCode, string Reason, TimeSpan? NotBefore = null, bool CountsAsAttempt = true, bool? OutcomeUnknown = null)
        : AttemptOutcome(ReasonCode, Reason)
    {
        /// <summary>After a 429: no request of the whole connection goes to Jira before this time.</summary>
        public DateTime? ThrottleConnectionUntil { get; init; }
    }

    /// <summary>Waits for the connection (reconnect, site choice); resumes by itself when the connection is active.</summary>
    public sealed record Parked(string Reason, bool ReauthorizationRequired) : AttemptOutcome("parked", Reason);
}
