using System.Linq.Expressions;
using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Worker.Ledger;
using static IssueSync.Worker.Persistence.ColumnText;

namespace IssueSync.Worker.Persistence.Entities;

/// <summary>
/// The command's state machine: the only code that changes a command's state and the fields that go with it
/// (attempts, lease, outcome knowledge, next attempt, completion and result times). Each transition checks that it
/// is allowed from the current state; the ledger then writes the row conditionally on the version its writer read,
/// so a writer that was overtaken changes nothing. Terminal states (Created, Failed, Discarded) are left only by an
/// explicit operator action. The diagram is in docs/architecture.md.
/// </summary>
public sealed partial class IssueCommand
{
    public bool IsTerminal => State is CommandState.Created or CommandState.Failed or CommandState.Discarded;

    /// <summary>True while the lease of a replica has not lapsed.</summary>
    public bool IsLeasedAt(DateTime now) => State == CommandState.InProgress && LeaseExpiresAt > now;

    // ---------------------------------------------------------------- admission and claims

    /// <summary>A new command, claimed at once by the replica that received it (no separate claim write).</summary>
    public static IssueCommand Admit(AdmittedCommand admitted, DateTime now, string replica, LifecycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(admitted);
        ArgumentNullException.ThrowIfNull(rules);
        var command = new IssueCommand
        {
            Id = Guid.NewGuid(),
            IdempotencyKey = admitted.IdempotencyKey,
            ContentHash = admitted.ContentHash,
            RawCommand = admitted.RawCommand,
            ConnectionName = Cut(admitted.ConnectionName, MaxConnectionNameLength),
            ProjectKey = Cut(admitted.ProjectKey, MaxProjectKeyLength),
            Summary = Cut(admitted.Summary, MaxSummaryLength),
            CorrelationId = Cut(admitted.CorrelationId, MaxCorrelationIdLength),
            DedupeLabel = admitted.DedupeLabel,
            SentAt = admitted.SentAt?.ToUniversalTime(),
            ReceivedAt = now,
            State = CommandState.InProgress,
            Outcome = OutcomeKnowledge.NotPosted,
        };
        command.TakeLease(now, replica, rules);
        return command;
    }

    // When a command can be claimed. One rule, used in memory by TryClaim and as SQL by the dispatcher's query.
    private static readonly Expression<Func<IssueCommand, DateTime, bool>> DueRule = (c, now) =>
        (c.State == CommandState.Pending && (c.NextAttemptAt == null || c.NextAttemptAt <= now))
        || (c.State == CommandState.Uncertain && c.NextAttemptAt != null && c.NextAttemptAt <= now)
        || (c.State == CommandState.InProgress && (c.LeaseExpiresAt == null || c.LeaseExpiresAt <= now));

    private static readonly Func<IssueCommand, DateTime, bool> DueNow = DueRule.Compile();

    /// <summary>The due rule as a query filter (pending and due, uncertain with a lookup due, or a lapsed lease).</summary>
    public static Expression<Func<IssueCommand, bool>> IsDue(DateTime now) => ExpressionBinder.BindSecond(DueRule, now);

    public bool IsDueAt(DateTime now) => DueNow(this, now);

    /// <summary>
    /// Takes the lease if the command is due. A takeover from a holder whose lease lapsed counts as an abandoned
    /// attempt. Only deaths inside the content stage quarantine the command (a message that kills every worker that
    /// converts it); a worker killed from outside while it waits, posts or records is just taken over. The stage is
    /// marked only on commands that were abandoned before, so the first attempt at every command costs no extra write.
    /// </summary>
    public ClaimResult TryClaim(DateTime now, string replica, LifecycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (!IsDueAt(now))
        {
            return ClaimResult.NotDue;
        }

        if (State == CommandState.InProgress)
        {
            AbandonedAttempts++;
            if (InContentStage)
            {
                ContentStageCrashes++;
            }

            if (ContentStageCrashes >= rules.QuarantineAfterContentCrashes)
            {
                ClearLease();
                Settle(rules, FailureReasons.Quarantined,
                    $"Quarantined: the worker handling this command stopped {ContentStageCrashes} times while it was reading and converting " +
                    $"the command's content ({AbandonedAttempts} attempts were started and never finished in all). Check its description " +
                    "and fields, then edit and retry, or discard it.",
                    [], now);
                return ClaimResult.Quarantined;
            }
        }

        if (Attempts >= rules.MaxAttempts && Outcome != OutcomeKnowledge.MayExist)
        {
            ClearLease();
            Settle(rules, FailureReasons.RetriesExhausted, $"Gave up after {Attempts} attempts. Last: {LastError ?? ReasonCode ?? "no reason recorded"}", [], now);
            return ClaimResult.Exhausted;
        }

        State = CommandState.InProgress;
        TakeLease(now, replica, rules);
        InContentStage = AbandonedAttempts > 0;
        return ClaimResult.Claimed;
    }

    /// <summary>
    /// The holder read and converted the command's content and lived: a death from here on says nothing about the
    /// content. Written (fenced like every change) before the attempt waits for anything.
    /// </summary>
    public void LeaveContentStage(Guid lease, DateTime now)
    {
        EnsureHeld(lease);
        InContentStage = false;
        UpdatedAt = now;
    }

    // ---------------------------------------------------------------- the holder's steps

    /// <summary>Extends the holder's lease (written like every other change: a holder that was overtaken learns it here).</summary>
    public void Renew(Guid lease, DateTime now, LifecycleRules rules)
    {
        EnsureHeld(lease);
        LeaseExpiresAt = now + rules.LeaseDuration;
        UpdatedAt = now;
    }

    /// <summary>
    /// "A create request is about to leave": written before the request, so a crash from here on leaves a command that
    /// is looked up before anything is posted again. Renews the lease, which must outlast the request.
    /// </summary>
    public void MarkPosting(Guid lease, string cloudId, DateTime now, LifecycleRules rules)
    {
        EnsureHeld(lease);
        if (Outcome == OutcomeKnowledge.MayExist)
        {
            throw new InvalidOperationException($"Command {Id} may already exist in Jira: it must be looked up, not posted again.");
        }

        Outcome = OutcomeKnowledge.MayExist;
        LastPostedAt = now;
        LookupsDone = 0;
        CloudId = cloudId;
        LeaseExpiresAt = now + rules.LeaseDuration;
        UpdatedAt = now;
    }

    /// <summary>Jira answered the create request with an error: that request created nothing.</summary>
    public void CreateRejected(Guid lease)
    {
        EnsureHeld(lease);
        if (Outcome == OutcomeKnowledge.MayExist)
        {
            Outcome = OutcomeKnowledge.Rejected;
        }
    }

    /// <summary>When the next lookup of an uncertain create is due, or null once the schedule is done.</summary>
    public DateTime? NextLookupAt(LifecycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Outcome == OutcomeKnowledge.MayExist && LastPostedAt is { } posted && LookupsDone < rules.LookupSchedule.Count
            ? posted + rules.LookupSchedule[LookupsDone]
            : null;
    }

    /// <summary>A lookup found no issue. After the last one of the schedule, the absence is certain.</summary>
    public LookupVerdict RecordLookupMiss(Guid lease, LifecycleRules rules)
    {
        EnsureHeld(lease);
        LookupsDone++;
        if (LookupsDone < rules.LookupSchedule.Count)
        {
            return LookupVerdict.LookAgain;
        }

        if (!rules.RepostWhenAbsent)
        {
            return LookupVerdict.AwaitOperator;
        }

        Outcome = OutcomeKnowledge.NotPosted;
        LookupsDone = 0;
        return LookupVerdict.AbsenceConfirmed;
    }

    public bool HasAttemptsLeft(LifecycleRules rules) => Attempts < rules.MaxAttempts;

    /// <summary>Shutdown before anything was sent: the lease goes back at once and the try does not count.</summary>
    public void HandBack(Guid lease, DateTime now, LifecycleRules rules)
    {
        EnsureHeld(lease);
        ClearLease();
        UpdatedAt = now;
        ReasonCode = ReasonCodes.ShutDown;
        if (Outcome == OutcomeKnowledge.MayExist)
        {
            State = CommandState.Uncertain;
            NextAttemptAt = NextLookupAt(rules) is { } lookup && lookup > now ? lookup : now;
        }
        else
        {
            State = CommandState.Pending;
            NextAttemptAt = now;
        }
    }

    /// <summary>Records what the attempt came to. Its answer is owed until <c>CommandLedger.MarkResultPublishedAsync</c>.</summary>
    public void Complete(Guid lease, AttemptOutcome outcome, DateTime now, LifecycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(rules);
        EnsureHeld(lease);
        ClearLease();
        UpdatedAt = now;
        var isWorkerError = outcome is AttemptOutcome.Retry { Reason: FailureReasons.WorkerError };
        var sameErrorAsLast = isWorkerError && ReasonCode == FailureReasons.WorkerError && LastError == Cut(outcome.Message, MaxLastErrorLength);
        ConsecutiveWorkerErrors = isWorkerError ? (sameErrorAsLast ? ConsecutiveWorkerErrors + 1 : 1) : 0;

        if (outcome.CountsAsAttempt)
        {
            Attempts++;
        }

        switch (outcome)
        {
            case AttemptOutcome.Created created:
                State = CommandState.Created;
                JiraIssueKey = created.IssueKey;
                JiraIssueId = created.IssueId;
                CloudId = created.CloudId;
                CompletedAt = now;
                NextAttemptAt = null;
                ReasonCode = null;
                LastError = null;
                FieldErrorsJson = null;
                ResultPublishedAt = null;
                break;

            case AttemptOutcome.Failed failed:
                Settle(rules, failed.Reason, failed.Detail, failed.FieldErrors, now);
                break;

            case AttemptOutcome.Retry { Counted: true } retry when ConsecutiveWorkerErrors >= rules.FailAfterRepeatedWorkerErrors:
                Settle(rules, FailureReasons.WorkerError, $"The same unexpected error ended {ConsecutiveWorkerErrors} attempts in a row: {retry.Detail}", [], now);
                break;

            case AttemptOutcome.Retry { Counted: true } retry when Attempts >= rules.MaxAttempts:
                Settle(rules, FailureReasons.RetriesExhausted, $"Gave up after {Attempts} attempts. Last: {retry.Detail}", [], now);
                break;

            case AttemptOutcome.Retry retry:
                var backoff = retry.Counted ? rules.Backoff(Attempts) : TimeSpan.Zero;
                var wait = retry.NotBefore is { } notBefore && notBefore > backoff ? notBefore : backoff;
                Wait(retry.Reason, retry.Detail, now + wait);
                break;

            case AttemptOutcome.Uncertain uncertain:
                BecomeUncertain(uncertain.Reason, uncertain.Detail, rules);
                break;

            case AttemptOutcome.Parked parked:
                State = CommandState.Parked;
                NextAttemptAt = null;
                ReasonCode = parked.Reason;
                LastError = Cut(parked.Detail, MaxLastErrorLength);
                break;
        }

        void BecomeUncertain(string reason, string detail, LifecycleRules r)
        {
            State = CommandState.Uncertain;
            NextAttemptAt = NextLookupAt(r);
            ReasonCode = NextAttemptAt is null ? ReasonCodes.AwaitingOperator : reason;
            LastError = Cut(NextAttemptAt is null
                ? $"{detail} Every lookup of label {DedupeLabel} came back empty; an operator decides: resolve it with the issue key if it exists, or post it again."
                : detail, MaxLastErrorLength);
        }
    }

    /// <summary>Parked, and the connection is active again: due now (looked up first if the issue may exist).</summary>
    public bool Resume(DateTime now)
    {
        if (State != CommandState.Parked)
        {
            return false;
        }

        State = Outcome == OutcomeKnowledge.MayExist ? CommandState.Uncertain : CommandState.Pending;
        NextAttemptAt = now;
        UpdatedAt = now;
        return true;
    }

    // ---------------------------------------------------------------- operators

    /// <summary>Failed, parked or discarded → due now, with a fresh retry budget.</summary>
    public OperatorVerdict Retry(DateTime now)
    {
        if (State is not (CommandState.Failed or CommandState.Parked or CommandState.Discarded))
        {
            return OperatorVerdict.Refused($"The command is {State}; only failed, parked or discarded commands can be retried.");
        }

        State = Outcome == OutcomeKnowledge.MayExist ? CommandState.Uncertain : CommandState.Pending;
        NextAttemptAt = now;
        Attempts = 0;
        AbandonedAttempts = 0;
        ContentStageCrashes = 0;
        InContentStage = false;
        ConsecutiveWorkerErrors = 0;
        CompletedAt = null;
        ResultPublishedAt = null;
        ReasonCode = ReasonCodes.OperatorRetry;
        LastError = null;
        FieldErrorsJson = null;
        UpdatedAt = now;
        return OperatorVerdict.Done;
    }

    /// <summary>Replaces the command's content (already validated by the caller) and retries it.</summary>
    public OperatorVerdict Edit(AdmittedCommand edited, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(edited);
        if (State is not (CommandState.Failed or CommandState.Parked or CommandState.Discarded))
        {
            return OperatorVerdict.Refused($"The command is {State}; only failed, parked or discarded commands can be edited.");
        }

        RawCommand = edited.RawCommand;
        ContentHash = edited.ContentHash;
        ProjectKey = Cut(edited.ProjectKey, MaxProjectKeyLength);
        Summary = Cut(edited.Summary, MaxSummaryLength);
        return Retry(now);
    }

    /// <summary>
    /// Ends the command for good (discarded, or failed by an operator). Not while a replica holds a live lease: wait
    /// for it to finish or for its lease to lapse.
    /// </summary>
    public OperatorVerdict EndByOperator(bool discard, string reason, DateTime now)
    {
        if (State is CommandState.Created or CommandState.Discarded || (State == CommandState.Failed && !discard) || IsLeasedAt(now))
        {
            return OperatorVerdict.Refused(IsLeasedAt(now)
                ? $"A replica is working on the command until {LeaseExpiresAt:O}; try again after that."
                : $"The command is {State}; it cannot be {(discard ? "discarded" : "failed")}.");
        }

        ClearLease();
        State = discard ? CommandState.Discarded : CommandState.Failed;
        ReasonCode = discard ? FailureReasons.Discarded : FailureReasons.FailedByOperator;
        LastError = Cut($"{(discard ? "Discarded" : "Failed")} by an operator: {reason}", MaxLastErrorLength);
        NextAttemptAt = null;
        CompletedAt = now;
        ResultPublishedAt = null;
        UpdatedAt = now;
        return OperatorVerdict.Done;
    }

    /// <summary>An operator found the issue of an uncertain command in Jira.</summary>
    public OperatorVerdict ResolveAsCreated(string issueKey, string issueId, string cloudId, DateTime now)
    {
        if (!IsAwaitingResolution(now))
        {
            return OperatorVerdict.Refused($"The command is {State}; only uncertain commands are resolved.");
        }

        ClearLease();
        State = CommandState.Created;
        JiraIssueKey = issueKey;
        JiraIssueId = issueId;
        CloudId = cloudId;
        CompletedAt = now;
        NextAttemptAt = null;
        ReasonCode = null;
        LastError = null;
        ResultPublishedAt = null;
        UpdatedAt = now;
        return OperatorVerdict.Done;
    }

    /// <summary>An operator is sure no issue exists for an uncertain command: post it again now.</summary>
    public OperatorVerdict ResolveAsAbsent(DateTime now)
    {
        if (!IsAwaitingResolution(now))
        {
            return OperatorVerdict.Refused($"The command is {State}; only uncertain commands are resolved.");
        }

        ClearLease();
        State = CommandState.Pending;
        Outcome = OutcomeKnowledge.NotPosted;
        LookupsDone = 0;
        NextAttemptAt = now;
        ReasonCode = ReasonCodes.OperatorRetry;
        LastError = null;
        UpdatedAt = now;
        return OperatorVerdict.Done;
    }

    private bool IsAwaitingResolution(DateTime now) =>
        State == CommandState.Uncertain
        || (Outcome == OutcomeKnowledge.MayExist && (State == CommandState.Parked || (State == CommandState.InProgress && !IsLeasedAt(now))));

    // ---------------------------------------------------------------- shared steps

    /// <summary>A permanent end — unless a create request may have made the issue: then it stays uncertain, never failed.</summary>
    private void Settle(LifecycleRules rules, string reason, string detail, IReadOnlyList<FieldError> fieldErrors, DateTime now)
    {
        UpdatedAt = now;
        if (Outcome == OutcomeKnowledge.MayExist)
        {
            State = CommandState.Uncertain;
            NextAttemptAt = NextLookupAt(rules) is { } lookup ? (lookup > now ? lookup : now) : null;
            ReasonCode = reason;
            LastError = Cut($"{detail} An earlier create request may have created the issue, so the command is not failed: it is looked up " +
                $"by label {DedupeLabel} until it is found or its absence is certain.", MaxLastErrorLength);
            return;
        }

        State = CommandState.Failed;
        CompletedAt = now;
        NextAttemptAt = null;
        ReasonCode = reason;
        LastError = Cut(detail, MaxLastErrorLength);
        FieldErrorsJson = fieldErrors.Count == 0 ? null : JsonSerializer.Serialize(fieldErrors, FieldErrorJson);
        ResultPublishedAt = null;
    }

    private void Wait(string reason, string detail, DateTime until)
    {
        State = Outcome == OutcomeKnowledge.MayExist ? CommandState.Uncertain : CommandState.Pending;
        NextAttemptAt = until;
        ReasonCode = reason;
        LastError = Cut(detail, MaxLastErrorLength);
    }

    private void TakeLease(DateTime now, string replica, LifecycleRules rules)
    {
        LeaseId = Guid.NewGuid();
        LeaseOwner = Cut(replica, MaxLeaseOwnerLength);
        LeaseExpiresAt = now + rules.LeaseDuration;
        Tries++;
        UpdatedAt = now;
    }

    private void ClearLease()
    {
        LeaseId = null;
        InContentStage = false;
        LeaseOwner = null;
        LeaseExpiresAt = null;
    }

    private void EnsureHeld(Guid lease)
    {
        if (State != CommandState.InProgress || LeaseId != lease)
        {
            throw new InvalidOperationException($"Command {Id} is not held under lease {lease} (it is {State}).");
        }
    }

    internal static readonly JsonSerializerOptions FieldErrorJson = new(JsonSerializerDefaults.Web);
}

/// <summary>What a claim came to.</summary>
public enum ClaimResult
{
    Claimed,

    /// <summary>Not due, or another replica holds a live lease.</summary>
    NotDue,

    /// <summary>Too many holders died working on it: failed (or uncertain) as quarantined; its answer is owed.</summary>
    Quarantined,

    /// <summary>Its retry budget was already spent: failed as retries-exhausted; its answer is owed.</summary>
    Exhausted,
}

/// <summary>What a lookup that found nothing means.</summary>
public enum LookupVerdict
{
    /// <summary>Look again at the next point of the schedule.</summary>
    LookAgain,

    /// <summary>Every lookup of the schedule came back empty: the create request made nothing; post again.</summary>
    AbsenceConfirmed,

    /// <summary>The schedule is done and re-posting by itself is off: an operator decides.</summary>
    AwaitOperator,
}

/// <summary>An operator transition's answer: done, or refused with a sentence saying why.</summary>
public sealed record OperatorVerdict(bool IsDone, string? Refusal)
{
    public static OperatorVerdict Done { get; } = new(true, null);

    public static OperatorVerdict Refused(string why) => new(false, why);
}

/// <summary>A command as it enters the ledger (or replaces an edited one).</summary>
public sealed record AdmittedCommand(
    string IdempotencyKey, string ContentHash, string RawCommand, string? ConnectionName, string? ProjectKey, string? Summary,
    string? CorrelationId, string DedupeLabel, DateTime? SentAt);
