using IssueSync.Contracts;

namespace IssueSync.Worker.Ledger;

/// <summary>
/// What one attempt at a command came to, built from the failure policy (<see cref="FailurePolicy"/>);
/// <see cref="Persistence.Entities.IssueCommand.Complete"/> turns it into the command's next state.
/// </summary>
public abstract record AttemptOutcome(string ReasonCode, string Message)
{
    public int? HttpStatus { get; init; }

    /// <summary>The wait Jira asked for (Retry-After), kept in the attempt log.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>After a 429: who else must wait, and until when (shared by every replica).</summary>
    public PacePause? Pause { get; init; }

    /// <summary>True when this was a real try at the issue (it uses the retry budget); waits, parks and lookups are not.</summary>
    public virtual bool CountsAsAttempt => false;

    /// <summary>The issue exists: found by a lookup or created by this attempt.</summary>
    public sealed record Created(string IssueKey, string IssueId, string CloudId, bool FoundByLookup)
        : AttemptOutcome(FoundByLookup ? ReasonCodes.FoundByLookup : ReasonCodes.Created,
            FoundByLookup ? "Found the issue of an earlier uncertain create request." : "Created.")
    {
        public override bool CountsAsAttempt => !FoundByLookup;
    }

    /// <summary>Permanent: recorded as failed, answered with IssueCreationFailed, waits for an operator.</summary>
    public sealed record Failed(string Reason, string Detail, IReadOnlyList<FieldError> FieldErrors) : AttemptOutcome(Reason, Detail)
    {
        public override bool CountsAsAttempt => true;
    }

    /// <summary>
    /// Try again at <see cref="NotBefore"/> (at least). <see cref="CountsAsAttempt"/> is false for waits that are
    /// not failures (pacing, rate limits, lookups, another replica's refresh).
    /// </summary>
    public sealed record Retry(string Reason, string Detail, TimeSpan? NotBefore, bool Counted) : AttemptOutcome(Reason, Detail)
    {
        public override bool CountsAsAttempt => Counted;
    }

    /// <summary>The create request's answer was lost, or a lookup did not find the issue yet: look again on schedule.</summary>
    public sealed record Uncertain(string Reason, string Detail) : AttemptOutcome(Reason, Detail)
    {
        /// <summary>A create request whose answer was lost was a try; a lookup is not.</summary>
        public override bool CountsAsAttempt => Reason == ReasonCodes.UnknownOutcome;
    }

    /// <summary>Waits for the connection (reconnect, site choice); resumes by itself when it is active.</summary>
    public sealed record Parked(string Reason, string Detail) : AttemptOutcome(Reason, Detail);
}

/// <summary>A pause Jira asked for: the scope (a site or the whole app) and its end.</summary>
public sealed record PacePause(PaceScope Scope, string? CloudId, DateTime Until, string? Reason)
{
    /// <summary>The limit Jira stated for the site (X-RateLimit-Limit), when it did.</summary>
    public double? LimitPerSecond { get; init; }
}
