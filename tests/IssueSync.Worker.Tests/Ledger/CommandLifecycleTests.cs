using IssueSync.Contracts;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence.Entities;

namespace IssueSync.Worker.Tests.Ledger;

/// <summary>The command's state machine on its own: every transition and guard, no database, a fixed clock.</summary>
public sealed class CommandLifecycleTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static LifecycleRules Rules(int maxAttempts = 3, bool repost = true) => new()
    {
        LeaseDuration = TimeSpan.FromMinutes(2),
        MaxAttempts = maxAttempts,
        QuarantineAfterContentCrashes = 2,
        FailAfterRepeatedWorkerErrors = 3,
        LookupSchedule = [TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)],
        RepostWhenAbsent = repost,
        Backoff = n => TimeSpan.FromSeconds(2 * n),
    };

    private static IssueCommand Admitted(LifecycleRules? rules = null) => IssueCommand.Admit(
        new AdmittedCommand("key-1", "hash", "{}", "acme", "OPS", "Disk full", null, "issuesync-abc", null), T0, "replica-a", rules ?? Rules());

    private static Guid Lease(IssueCommand command) => command.LeaseId!.Value;

    private static AttemptOutcome.Retry Transient(string detail = "Jira is unavailable (503).") =>
        (AttemptOutcome.Retry)FailurePolicy.Outcome(FailureCondition.JiraTransient, detail);

    private static AttemptOutcome Unknown() => FailurePolicy.Outcome(FailureCondition.JiraUnknownOutcome, "Jira answered 504 after the request was sent.");

    [Fact]
    public void An_admitted_command_is_claimed_by_the_replica_that_received_it()
    {
        var command = Admitted();

        Assert.Equal(CommandState.InProgress, command.State);
        Assert.Equal("replica-a", command.LeaseOwner);
        Assert.Equal(T0 + TimeSpan.FromMinutes(2), command.LeaseExpiresAt);
        Assert.Equal(OutcomeKnowledge.NotPosted, command.Outcome);
        Assert.Equal(1, command.Tries);
        Assert.Equal(0, command.Attempts);
    }

    [Fact]
    public void A_live_lease_cannot_be_claimed_and_a_lapsed_one_counts_as_abandoned()
    {
        var command = Admitted();

        Assert.Equal(ClaimResult.NotDue, command.TryClaim(T0.AddMinutes(1), "replica-b", Rules()));
        Assert.Equal("replica-a", command.LeaseOwner);

        var first = Lease(command);
        Assert.Equal(ClaimResult.Claimed, command.TryClaim(T0.AddMinutes(3), "replica-b", Rules()));
        Assert.Equal("replica-b", command.LeaseOwner);
        Assert.NotEqual(first, Lease(command));
        Assert.Equal(1, command.AbandonedAttempts);
        Assert.Throws<InvalidOperationException>(() => command.Renew(first, T0.AddMinutes(3), Rules()));
    }

    [Fact]
    public void A_command_whose_holders_keep_dying_on_its_content_is_quarantined_as_failed()
    {
        var command = Admitted();
        Assert.False(command.InContentStage); // the first attempt at a command is not watched: no extra write

        // Death 1 (anywhere): from now on the content stage is watched. Deaths 2 and 3 are inside it.
        var now = T0 + TimeSpan.FromMinutes(3);
        Assert.Equal(ClaimResult.Claimed, command.TryClaim(now, "replica-1", Rules()));
        Assert.True(command.InContentStage);
        now += TimeSpan.FromMinutes(3);
        Assert.Equal(ClaimResult.Claimed, command.TryClaim(now, "replica-2", Rules()));
        Assert.Equal(1, command.ContentStageCrashes);

        now += TimeSpan.FromMinutes(3);
        Assert.Equal(ClaimResult.Quarantined, command.TryClaim(now, "replica-x", Rules()));
        Assert.Equal(CommandState.Failed, command.State);
        Assert.Equal(FailureReasons.Quarantined, command.ReasonCode);
        Assert.Contains("reading and converting", command.LastError, StringComparison.Ordinal);
        Assert.Null(command.LeaseOwner);
        Assert.False(command.InContentStage);
    }

    [Fact]
    public void Holders_killed_outside_the_content_stage_never_quarantine_a_valid_command()
    {
        // The soak's finding (tests/soak/README.md, --full --seed 31): workers killed from outside while they waited or
        // posted used to count as "the command kills its worker", and 3 of them failed a valid command as quarantined.
        var command = Admitted();
        var now = T0;
        for (var i = 0; i < 10; i++)
        {
            now += TimeSpan.FromMinutes(3);
            Assert.Equal(ClaimResult.Claimed, command.TryClaim(now, $"replica-{i}", Rules()));
            command.LeaveContentStage(Lease(command), now); // converted its content, then was killed while waiting
        }

        Assert.Equal(CommandState.InProgress, command.State);
        Assert.Equal(10, command.AbandonedAttempts);
        Assert.Equal(0, command.ContentStageCrashes);
        command.Complete(Lease(command), new AttemptOutcome.Created("OPS-1", "10001", "cloud-1", FoundByLookup: false), now, Rules());
        Assert.Equal(CommandState.Created, command.State);
    }

    [Fact]
    public void Only_the_holder_leaves_the_content_stage_and_a_retry_forgets_earlier_crashes()
    {
        var command = Admitted();
        var first = Lease(command);
        command.TryClaim(T0 + TimeSpan.FromMinutes(3), "replica-1", Rules());
        Assert.Throws<InvalidOperationException>(() => command.LeaveContentStage(first, T0 + TimeSpan.FromMinutes(3)));
        Assert.True(command.InContentStage);

        command.TryClaim(T0 + TimeSpan.FromMinutes(6), "replica-2", Rules());
        command.TryClaim(T0 + TimeSpan.FromMinutes(9), "replica-3", Rules());
        Assert.Equal(FailureReasons.Quarantined, command.ReasonCode);

        Assert.Equal(OperatorVerdict.Done, command.Retry(T0 + TimeSpan.FromMinutes(10)));
        Assert.Equal(0, command.ContentStageCrashes);
        Assert.Equal(ClaimResult.Claimed, command.TryClaim(T0 + TimeSpan.FromMinutes(10), "replica-4", Rules()));
        Assert.False(command.InContentStage);
    }

    [Fact]
    public void A_quarantined_command_that_may_exist_stays_uncertain()
    {
        var command = Admitted();
        command.MarkPosting(Lease(command), "cloud-1", T0, Rules());
        var now = T0;
        for (var i = 0; i < 3; i++)
        {
            now += TimeSpan.FromMinutes(3);
            command.TryClaim(now, $"replica-{i}", Rules());
        }

        Assert.Equal(CommandState.Uncertain, command.State);
        Assert.Equal(FailureReasons.Quarantined, command.ReasonCode);
        Assert.NotNull(command.NextAttemptAt);
    }

    [Fact]
    public void The_intent_is_marked_before_a_create_request_and_may_not_be_posted_twice()
    {
        var command = Admitted();
        var lease = Lease(command);

        command.MarkPosting(lease, "cloud-1", T0.AddSeconds(1), Rules());

        Assert.Equal(OutcomeKnowledge.MayExist, command.Outcome);
        Assert.Equal(T0.AddSeconds(1), command.LastPostedAt);
        Assert.Equal("cloud-1", command.CloudId);
        Assert.Equal(T0.AddSeconds(1) + TimeSpan.FromMinutes(2), command.LeaseExpiresAt);
        Assert.Throws<InvalidOperationException>(() => command.MarkPosting(lease, "cloud-1", T0.AddSeconds(2), Rules()));

        command.CreateRejected(lease);
        Assert.Equal(OutcomeKnowledge.Rejected, command.Outcome);
        command.MarkPosting(lease, "cloud-1", T0.AddSeconds(3), Rules());
        Assert.Equal(T0.AddSeconds(3), command.LastPostedAt);
    }

    [Fact]
    public void An_unknown_outcome_makes_the_command_uncertain_with_its_first_lookup_scheduled_from_the_post()
    {
        var command = Admitted();
        var lease = Lease(command);
        command.MarkPosting(lease, "cloud-1", T0, Rules());

        command.Complete(lease, Unknown(), T0.AddSeconds(2), Rules());

        Assert.Equal(CommandState.Uncertain, command.State);
        Assert.Equal(T0.AddSeconds(15), command.NextAttemptAt);
        Assert.Equal(1, command.Attempts);
        Assert.Null(command.LeaseOwner);
        Assert.Equal(ClaimResult.NotDue, command.TryClaim(T0.AddSeconds(14), "replica-b", Rules()));
        Assert.Equal(ClaimResult.Claimed, command.TryClaim(T0.AddSeconds(15), "replica-b", Rules()));
    }

    [Fact]
    public void Not_found_is_believed_only_after_every_lookup_of_the_schedule()
    {
        var command = Admitted();
        command.MarkPosting(Lease(command), "cloud-1", T0, Rules());
        command.Complete(Lease(command), Unknown(), T0, Rules());
        var now = T0;

        for (var lookup = 0; lookup < 2; lookup++)
        {
            now = command.NextAttemptAt!.Value;
            Assert.Equal(ClaimResult.Claimed, command.TryClaim(now, "replica-a", Rules()));
            Assert.Equal(LookupVerdict.LookAgain, command.RecordLookupMiss(Lease(command), Rules()));
            command.Complete(Lease(command), new AttemptOutcome.Uncertain(ReasonCodes.AwaitingSearchIndex, "not yet"), now, Rules());
            Assert.Equal(CommandState.Uncertain, command.State);
        }

        Assert.Equal(T0 + TimeSpan.FromMinutes(5), command.NextAttemptAt);
        command.TryClaim(command.NextAttemptAt!.Value, "replica-a", Rules());
        Assert.Equal(LookupVerdict.AbsenceConfirmed, command.RecordLookupMiss(Lease(command), Rules()));
        Assert.Equal(OutcomeKnowledge.NotPosted, command.Outcome);
        Assert.Equal(0, command.LookupsDone);
    }

    [Fact]
    public void With_reposting_off_an_operator_decides_after_the_last_empty_lookup()
    {
        var rules = Rules(repost: false);
        var command = Admitted(rules);
        command.MarkPosting(Lease(command), "cloud-1", T0, rules);
        command.Complete(Lease(command), Unknown(), T0, rules);
        for (var lookup = 0; lookup < 3; lookup++)
        {
            command.TryClaim(command.NextAttemptAt!.Value, "replica-a", rules);
            var verdict = command.RecordLookupMiss(Lease(command), rules);
            command.Complete(Lease(command), new AttemptOutcome.Uncertain(ReasonCodes.AwaitingSearchIndex, "nothing"), T0.AddHours(1), rules);
            Assert.Equal(lookup < 2 ? LookupVerdict.LookAgain : LookupVerdict.AwaitOperator, verdict);
        }

        Assert.Equal(CommandState.Uncertain, command.State);
        Assert.Null(command.NextAttemptAt);
        Assert.Equal(ReasonCodes.AwaitingOperator, command.ReasonCode);
        Assert.False(command.IsDueAt(T0.AddDays(1)));
    }

    [Fact]
    public void A_failure_while_the_issue_may_exist_never_fails_the_command()
    {
        var command = Admitted();
        command.MarkPosting(Lease(command), "cloud-1", T0, Rules());

        command.Complete(Lease(command), FailurePolicy.Outcome(FailureCondition.RetriesExhausted, "Gave up."), T0.AddSeconds(1), Rules());

        Assert.Equal(CommandState.Uncertain, command.State);
        Assert.Null(command.CompletedAt);
        Assert.Contains("may have created the issue", command.LastError, StringComparison.Ordinal);
        Assert.Equal(T0.AddSeconds(15), command.NextAttemptAt);
    }

    [Fact]
    public void Running_out_of_attempts_fails_a_command_that_cannot_exist_but_not_one_that_may()
    {
        var notPosted = Admitted();
        var mayExist = Admitted();
        mayExist.MarkPosting(Lease(mayExist), "cloud-1", T0, Rules());
        mayExist.Complete(Lease(mayExist), Unknown(), T0, Rules());
        var now = T0;
        for (var i = 0; i < 3; i++)
        {
            now += TimeSpan.FromHours(1);
            if (notPosted.State != CommandState.InProgress)
            {
                notPosted.TryClaim(now, "r", Rules());
            }

            if (notPosted.State == CommandState.InProgress)
            {
                notPosted.Complete(Lease(notPosted), Transient(), now, Rules());
            }

            mayExist.TryClaim(now, "r", Rules());
            mayExist.Complete(Lease(mayExist), Transient(), now, Rules());
        }

        Assert.Equal(CommandState.Failed, notPosted.State);
        Assert.Equal(FailureReasons.RetriesExhausted, notPosted.ReasonCode);
        Assert.Equal(3, notPosted.Attempts);
        Assert.Equal(CommandState.Uncertain, mayExist.State);
    }

    [Fact]
    public void Waiting_for_a_rate_limit_does_not_use_the_retry_budget()
    {
        var command = Admitted(Rules(maxAttempts: 1));
        for (var i = 0; i < 5; i++)
        {
            var limited = FailurePolicy.Outcome(FailureCondition.JiraBurstLimit, "429", notBefore: TimeSpan.FromSeconds(30));
            command.Complete(Lease(command), limited, T0.AddMinutes(i), Rules(maxAttempts: 1));
            Assert.Equal(CommandState.Pending, command.State);
            Assert.Equal(T0.AddMinutes(i).AddSeconds(30), command.NextAttemptAt);
            command.TryClaim(command.NextAttemptAt!.Value, "r", Rules(maxAttempts: 1));
        }

        Assert.Equal(0, command.Attempts);
        Assert.Equal(CommandState.InProgress, command.State);
    }

    [Fact]
    public void A_counted_retry_waits_the_backoff_or_Retry_After_whichever_is_longer()
    {
        var command = Admitted();
        command.Complete(Lease(command), Transient() with { NotBefore = TimeSpan.FromSeconds(1) }, T0, Rules());
        Assert.Equal(T0.AddSeconds(2), command.NextAttemptAt);

        command.TryClaim(T0.AddSeconds(2), "r", Rules());
        command.Complete(Lease(command), Transient() with { NotBefore = TimeSpan.FromSeconds(60) }, T0.AddSeconds(2), Rules());
        Assert.Equal(T0.AddSeconds(62), command.NextAttemptAt);
        Assert.Equal(2, command.Attempts);
    }

    [Fact]
    public void The_same_unexpected_error_three_times_fails_the_command_as_a_worker_error()
    {
        var command = Admitted(Rules(maxAttempts: 12));
        var now = T0;
        for (var i = 0; i < 3; i++)
        {
            command.Complete(Lease(command), FailurePolicy.Outcome(FailureCondition.WorkerError, "Unexpected error: NullReferenceException"), now, Rules(12));
            now = command.NextAttemptAt ?? now;
            if (command.State == CommandState.Pending)
            {
                command.TryClaim(now, "r", Rules(12));
            }
        }

        Assert.Equal(CommandState.Failed, command.State);
        Assert.Equal(FailureReasons.WorkerError, command.ReasonCode);
        Assert.Contains("3 attempts in a row", command.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Handing_back_at_shutdown_makes_the_command_due_at_once_without_counting()
    {
        var command = Admitted();

        command.HandBack(Lease(command), T0.AddSeconds(5), Rules());

        Assert.Equal(CommandState.Pending, command.State);
        Assert.Equal(T0.AddSeconds(5), command.NextAttemptAt);
        Assert.Equal(0, command.Attempts);
        Assert.Null(command.LeaseId);
    }

    [Fact]
    public void Terminal_states_are_left_only_by_an_operator()
    {
        var command = Admitted();
        command.Complete(Lease(command), new AttemptOutcome.Created("OPS-1", "10000", "cloud-1", FoundByLookup: false), T0, Rules());

        Assert.Equal(CommandState.Created, command.State);
        Assert.Null(command.ResultPublishedAt);
        Assert.Equal(ClaimResult.NotDue, command.TryClaim(T0.AddDays(1), "r", Rules()));
        Assert.False(command.Retry(T0).IsDone);
        Assert.False(command.EndByOperator(discard: true, "no", T0).IsDone);
        Assert.False(command.ResolveAsAbsent(T0).IsDone);
        Assert.Throws<InvalidOperationException>(() => command.Renew(Guid.NewGuid(), T0, Rules()));
    }

    [Fact]
    public void An_operator_retry_gives_a_failed_command_a_fresh_budget()
    {
        var command = Admitted();
        command.Complete(Lease(command), FailurePolicy.Outcome(FailureCondition.JiraValidation, "priority: The priority selected is invalid.",
            [new FieldError("priority", "The priority selected is invalid.")]), T0, Rules());
        Assert.Equal(CommandState.Failed, command.State);
        Assert.NotNull(command.FieldErrorsJson);

        Assert.True(command.Retry(T0.AddMinutes(1)).IsDone);

        Assert.Equal(CommandState.Pending, command.State);
        Assert.Equal(0, command.Attempts);
        Assert.Null(command.FieldErrorsJson);
        Assert.Null(command.ResultPublishedAt);
        Assert.True(command.IsDueAt(T0.AddMinutes(1)));
    }

    [Fact]
    public void A_replica_working_on_a_command_keeps_operators_out_until_its_lease_lapses()
    {
        var command = Admitted();

        var refused = command.EndByOperator(discard: true, "stuck", T0.AddMinutes(1));
        Assert.False(refused.IsDone);
        Assert.Contains("working on the command", refused.Refusal, StringComparison.Ordinal);

        Assert.True(command.EndByOperator(discard: false, "its worker died", T0.AddMinutes(5)).IsDone);
        Assert.Equal(CommandState.Failed, command.State);
        Assert.Equal(FailureReasons.FailedByOperator, command.ReasonCode);
    }

    [Fact]
    public void An_uncertain_command_is_resolved_by_the_issue_an_operator_found_or_posted_again()
    {
        var found = Admitted();
        found.MarkPosting(Lease(found), "cloud-1", T0, Rules());
        found.Complete(Lease(found), Unknown(), T0, Rules());
        Assert.True(found.ResolveAsCreated("OPS-7", "10007", "cloud-1", T0.AddHours(1)).IsDone);
        Assert.Equal(CommandState.Created, found.State);
        Assert.Equal("OPS-7", found.JiraIssueKey);

        var absent = Admitted();
        absent.MarkPosting(Lease(absent), "cloud-1", T0, Rules());
        absent.Complete(Lease(absent), Unknown(), T0, Rules());
        Assert.True(absent.ResolveAsAbsent(T0.AddHours(1)).IsDone);
        Assert.Equal(CommandState.Pending, absent.State);
        Assert.Equal(OutcomeKnowledge.NotPosted, absent.Outcome);

        var notUncertain = Admitted();
        notUncertain.Complete(Lease(notUncertain), Transient(), T0, Rules());
        Assert.False(notUncertain.ResolveAsCreated("OPS-8", "10008", "cloud-1", T0).IsDone);
    }

    [Fact]
    public void A_parked_command_resumes_and_is_looked_up_first_when_it_may_exist()
    {
        var command = Admitted();
        command.MarkPosting(Lease(command), "cloud-1", T0, Rules());
        command.Complete(Lease(command), FailurePolicy.Outcome(FailureCondition.TokenInvalidGrant, "invalid_grant"), T0, Rules());
        Assert.Equal(CommandState.Parked, command.State);

        Assert.True(command.Resume(T0.AddHours(1)));

        Assert.Equal(CommandState.Uncertain, command.State);
        Assert.Equal(OutcomeKnowledge.MayExist, command.Outcome);
    }

    [Theory]
    [InlineData(CommandState.Pending, 0, null, true)]
    [InlineData(CommandState.Pending, -1, null, true)]
    [InlineData(CommandState.Pending, 1, null, false)]
    [InlineData(CommandState.Uncertain, -1, null, true)]
    [InlineData(CommandState.Uncertain, null, null, false)]
    [InlineData(CommandState.InProgress, null, -1, true)]
    [InlineData(CommandState.InProgress, null, 1, false)]
    [InlineData(CommandState.Parked, -1, null, false)]
    [InlineData(CommandState.Failed, -1, null, false)]
    [InlineData(CommandState.Created, -1, null, false)]
    public void The_dispatcher_query_and_the_claim_agree_on_what_is_due(CommandState state, int? dueInMinutes, int? leaseInMinutes, bool due)
    {
        var command = InState(state, dueInMinutes, leaseInMinutes);
        var query = IssueCommand.IsDue(T0).Compile();

        Assert.Equal(due, command.IsDueAt(T0));
        Assert.Equal(due, query(command));
    }

    // Drives a fresh command into a state through its own transitions (there is no other way to set one).
    private static IssueCommand InState(CommandState state, int? dueInMinutes, int? leaseInMinutes)
    {
        var rules = Rules(maxAttempts: 5);
        var start = T0.AddMinutes(-10);
        var command = IssueCommand.Admit(new AdmittedCommand("k", "h", "{}", "acme", "OPS", "s", null, "issuesync-x", null),
            leaseInMinutes is { } lease ? T0.AddMinutes(lease) - rules.LeaseDuration : start, "r", rules);
        var due = dueInMinutes is { } d ? T0.AddMinutes(d) : (DateTime?)null;
        switch (state)
        {
            case CommandState.Pending:
                command.Complete(command.LeaseId!.Value, Transient() with { NotBefore = due!.Value - start }, start, rules);
                break;
            case CommandState.Uncertain when due is null:
                var noLookups = rules with { LookupSchedule = [TimeSpan.FromSeconds(1)], RepostWhenAbsent = false };
                command.MarkPosting(command.LeaseId!.Value, "c", start, noLookups);
                command.Complete(command.LeaseId!.Value, Unknown(), start, noLookups);
                command.TryClaim(start.AddSeconds(1), "r", noLookups);
                command.RecordLookupMiss(command.LeaseId!.Value, noLookups);
                command.Complete(command.LeaseId!.Value, new AttemptOutcome.Uncertain(ReasonCodes.AwaitingOperator, "nothing"), start, noLookups);
                break;
            case CommandState.Uncertain:
                command.MarkPosting(command.LeaseId!.Value, "c", start, rules);
                command.Complete(command.LeaseId!.Value, FailurePolicy.Outcome(FailureCondition.LookupFailed, "search failed", notBefore: due!.Value - start), start, rules);
                break;
            case CommandState.Parked:
                command.Complete(command.LeaseId!.Value, FailurePolicy.Outcome(FailureCondition.TokenInvalidGrant, "invalid_grant"), start, rules);
                break;
            case CommandState.Failed:
                command.Complete(command.LeaseId!.Value, FailurePolicy.Outcome(FailureCondition.JiraValidation, "bad"), start, rules);
                break;
            case CommandState.Created:
                command.Complete(command.LeaseId!.Value, new AttemptOutcome.Created("OPS-1", "1", "c", false), start, rules);
                break;
        }

        Assert.Equal(state, command.State);
        return command;
    }
}
