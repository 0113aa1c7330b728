namespace IssueSync.Soak.Tests;

public sealed class VerdictTests
{
    [Fact]
    public void A_run_where_everything_went_right_is_ok_and_says_so_in_the_last_line()
    {
        var run = new EvidenceBuilder();
        run.Valid();
        run.Valid(doubled: true);
        run.Invalid();

        var verdict = Verdict.From(run.Build());

        Assert.True(verdict.Ok, string.Join("\n", verdict.Offenders.SelectMany(o => o.Problems).Concat(verdict.Checks.Where(c => !c.Ok).Select(c => c.Name))));
        Assert.Equal("soak: 3 commands, 2 created, 0 lost, 0 duplicates, 0 wrong answers, 0 unaccounted, 7 kills, ok", verdict.SummaryLine);
    }

    [Fact]
    public void A_valid_command_without_an_issue_is_lost()
    {
        var run = new EvidenceBuilder();
        var command = run.Valid();
        run.RemoveIssues(command);

        var verdict = Verdict.From(run.Build());

        Assert.Equal(1, verdict.Lost);
        Assert.False(verdict.Ok);
        Assert.EndsWith("1 lost, 0 duplicates, 1 wrong answers, 0 unaccounted, 7 kills, FAILED", verdict.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_issue_for_one_command_is_a_duplicate()
    {
        var run = new EvidenceBuilder();
        var command = run.Valid();
        run.Issue(command);

        var verdict = Verdict.From(run.Build());

        Assert.Equal(1, verdict.Duplicates);
        Assert.Equal(0, verdict.Created);
        Assert.False(verdict.Ok);
    }

    [Fact]
    public void An_issue_on_the_wrong_site_is_a_wrong_answer()
    {
        var run = new EvidenceBuilder();
        var command = run.Valid();
        run.RemoveIssues(command);
        run.Issue(command, SoakSite.AcmeLabs.CloudId);

        Assert.Equal(1, Verdict.From(run.Build()).WrongAnswers);
    }

    [Fact]
    public void A_command_answered_twice_with_the_same_issue_is_a_repeated_answer_not_a_wrong_one()
    {
        var run = new EvidenceBuilder();
        var command = run.Valid();
        run.Answer(command, Verdict.From(run.Build()).Commands[0].Issues[0].Key, alreadyExisted: true);

        var verdict = Verdict.From(run.Build());

        Assert.Equal(0, verdict.WrongAnswers);
        Assert.Equal(1, verdict.RepeatedAnswers);
        Assert.True(verdict.Ok);
        Assert.Contains(verdict.Commands[0].Problems, p => p.Contains("published once, answered 2 times", StringComparison.Ordinal));

        var other = new EvidenceBuilder();
        command = other.Valid();
        other.Answer(command, "OPS-999");
        Assert.Equal(1, Verdict.From(other.Build()).WrongAnswers);
    }

    [Fact]
    public void A_command_published_twice_may_be_answered_again_only_with_the_same_key()
    {
        var same = new EvidenceBuilder();
        var command = same.Valid(doubled: true);
        var key = Verdict.From(same.Build()).Commands[0].Issues[0].Key;
        same.Answer(command, key, alreadyExisted: true);
        Assert.True(Verdict.From(same.Build()).Ok);
        Assert.Equal(0, Verdict.From(same.Build()).RepeatedAnswers);

        var otherKey = new EvidenceBuilder();
        command = otherKey.Valid(doubled: true);
        otherKey.Answer(command, "OPS-999", alreadyExisted: true);
        Assert.Equal(1, Verdict.From(otherKey.Build()).WrongAnswers);
    }

    [Fact]
    public void A_valid_command_answered_as_failed_is_a_wrong_answer()
    {
        var run = new EvidenceBuilder();
        var command = run.Valid();
        run.Fail(command, "site", "malformed-command");

        Assert.Equal(1, Verdict.From(run.Build()).WrongAnswers);
    }

    [Fact]
    public void An_invalid_command_must_fail_naming_its_field_and_create_nothing()
    {
        var otherField = new EvidenceBuilder();
        var command = otherField.Invalid("unknown component");
        otherField.RemoveAnswers(command);
        otherField.Fail(command, "priority");
        Assert.Contains(Verdict.From(otherField.Build()).Commands[0].Problems, p => p.Contains("without naming 'components'", StringComparison.Ordinal));

        var created = new EvidenceBuilder();
        command = created.Invalid();
        created.Issue(command);
        Assert.Equal(1, Verdict.From(created.Build()).WrongAnswers);
    }

    [Fact]
    public void A_command_without_an_answer_or_left_pending_is_unaccounted()
    {
        var unanswered = new EvidenceBuilder();
        unanswered.RemoveAnswers(unanswered.Valid());
        Assert.Equal(1, Verdict.From(unanswered.Build()).Unaccounted);

        var pending = new EvidenceBuilder();
        var command = pending.Valid();
        pending.Ledger(command, "Pending", null);
        Assert.Equal(1, Verdict.From(pending.Build()).Unaccounted);

        // Still uncertain at the deadline and no issue yet: unaccounted, not lost.
        var uncertain = new EvidenceBuilder();
        command = uncertain.Valid();
        uncertain.RemoveIssues(command);
        uncertain.RemoveAnswers(command);
        uncertain.Ledger(command, "Uncertain", null);
        var verdict = Verdict.From(uncertain.Build());
        Assert.Equal((0, 1), (verdict.Lost, verdict.Unaccounted));
    }

    [Fact]
    public void A_token_in_a_log_or_invalid_grant_for_another_account_fails_the_run()
    {
        var leak = new EvidenceBuilder();
        leak.Valid();
        leak.Leaks.Add(new Harness.SecretLeak("worker-1.log", 12, leak.Tokens[0]));
        Assert.Contains(Verdict.From(leak.Build()).Checks, c => c.Name == "tokens in logs" && !c.Ok);

        var grant = new EvidenceBuilder();
        grant.Valid();
        grant.Reauthorizations.Add(new() { ConnectionId = "soak-north", Reason = "invalid_grant", OccurredAt = DateTimeOffset.UtcNow });
        Assert.Contains(Verdict.From(grant.Build()).Checks, c => c.Name == "invalid_grant outside the revoked account" && !c.Ok);

        var notChecked = new EvidenceBuilder();
        notChecked.Valid();
        var evidence = notChecked.Build() with { Tokens = null };
        Assert.False(Verdict.From(evidence).Ok);
    }

    [Theory]
    [InlineData("Disk almost full on host-3 [s42-000123]", "s42-000123")]
    [InlineData("Disk almost full [s42-000123] on host-3", null)]
    [InlineData("no marker", null)]
    public void The_marker_at_the_end_of_the_summary_names_the_command(string summary, string? key) =>
        Assert.Equal(key, Verdict.MarkerOf(summary));
}
