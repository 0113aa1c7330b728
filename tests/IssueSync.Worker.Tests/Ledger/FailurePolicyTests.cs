using IssueSync.Contracts;
using IssueSync.Jira.Errors;
using IssueSync.Jira.OAuth;
using IssueSync.Worker.Ledger;

namespace IssueSync.Worker.Tests.Ledger;

/// <summary>The failure table, walked against the design's failure classification row by row (docs/architecture.md §4), and the classification of what Atlassian answers.</summary>
public sealed class FailurePolicyTests
{
    public static TheoryData<string, FailureCondition, DispositionKind, bool, PaceScope> DesignRows => new()
    {
        // "network error, 5xx, 503/429 with Retry-After: retry with backoff …; an ambiguous outcome triggers the dedupe lookup first"
        { "5xx / network error on a read", FailureCondition.JiraTransient, DispositionKind.Retry, true, PaceScope.None },
        { "lost answer to a create request", FailureCondition.JiraUnknownOutcome, DispositionKind.Uncertain, false, PaceScope.None },
        { "429 burst", FailureCondition.JiraBurstLimit, DispositionKind.Wait, false, PaceScope.Site },
        // "429 jira-quota-*: pause that connection's (or all) traffic until the reset, durably"
        { "429 global quota", FailureCondition.JiraQuotaGlobal, DispositionKind.Wait, false, PaceScope.App },
        { "429 tenant quota", FailureCondition.JiraQuotaTenant, DispositionKind.Wait, false, PaceScope.Site },
        { "429 per-issue write", FailureCondition.JiraPerIssueLimit, DispositionKind.Wait, false, PaceScope.None },
        // "401, or 403/404 that is really an expired token: refresh once and retry once"
        { "401", FailureCondition.JiraUnauthorized, DispositionKind.RefreshOnce, false, PaceScope.None },
        { "403", FailureCondition.JiraPermissionDenied, DispositionKind.RefreshOnce, false, PaceScope.None },
        { "404 from Jira", FailureCondition.JiraNotFound, DispositionKind.RefreshOnce, false, PaceScope.None },
        { "404 from the gateway", FailureCondition.JiraSiteNotFound, DispositionKind.RefreshOnce, false, PaceScope.None },
        // "invalid_grant: park the connection's commands; emit a reauthorization-needed event"
        { "invalid_grant", FailureCondition.TokenInvalidGrant, DispositionKind.Park, false, PaceScope.None },
        // "400 with field errors, ADF INVALID_INPUT, text too long, 403 permission, unknown project/site: permanent"
        { "400 field errors", FailureCondition.JiraValidation, DispositionKind.Fail, false, PaceScope.None },
        { "400 INVALID_INPUT", FailureCondition.JiraInvalidAdf, DispositionKind.Fail, false, PaceScope.None },
        { "400 text too long", FailureCondition.JiraTextTooLong, DispositionKind.Fail, false, PaceScope.None },
        { "field rules checked before Jira", FailureCondition.MetadataValidation, DispositionKind.Fail, false, PaceScope.None },
        { "unknown site", FailureCondition.SiteNotReachable, DispositionKind.Fail, false, PaceScope.None },
        // "malformed or oversize message: permanent, recorded with the reason; the raw body is kept"
        { "malformed message", FailureCondition.MalformedMessage, DispositionKind.Reject, false, PaceScope.None },
        { "oversize message", FailureCondition.OversizeMessage, DispositionKind.Reject, false, PaceScope.None },
        { "producer not allowed to use the connection", FailureCondition.ProducerNotAllowed, DispositionKind.Reject, false, PaceScope.None },
    };

    [Theory]
    [MemberData(nameof(DesignRows))]
    public void Each_row_of_design_4_is_in_the_table(string row, FailureCondition condition, DispositionKind kind, bool counts, PaceScope pace)
    {
        var disposition = FailurePolicy.For(condition);

        Assert.True(kind == disposition.Kind, $"{row}: {disposition.Kind}");
        Assert.Equal(counts, disposition.CountsAsAttempt);
        Assert.Equal(pace, disposition.Pace);
    }

    [Theory]
    [InlineData(FailureCondition.JiraPermissionDenied, DispositionKind.Fail, FailureReasons.PermissionDenied)]
    [InlineData(FailureCondition.JiraNotFound, DispositionKind.Fail, FailureReasons.Validation)]
    [InlineData(FailureCondition.JiraSiteNotFound, DispositionKind.Fail, FailureReasons.SiteNotFound)]
    [InlineData(FailureCondition.JiraUnauthorized, DispositionKind.Retry, "unauthorized")]
    public void What_persists_after_the_one_refresh_is_decided_by_the_table(FailureCondition condition, DispositionKind after, string reason)
    {
        var disposition = FailurePolicy.For(condition).AfterRefresh!;

        Assert.Equal(after, disposition.Kind);
        Assert.Equal(reason, disposition.ReasonCode);
    }

    [Fact]
    public void Every_condition_has_exactly_one_row_and_every_reason_code_is_a_named_constant()
    {
        var known = typeof(FailureReasons).GetFields().Concat(typeof(ReasonCodes).GetFields()).Select(f => (string)f.GetValue(null)!).ToHashSet();
        foreach (var condition in Enum.GetValues<FailureCondition>())
        {
            var disposition = FailurePolicy.For(condition);
            Assert.True(known.Contains(disposition.ReasonCode) || disposition.Kind is DispositionKind.StandDown or DispositionKind.PauseConsumption
                or DispositionKind.Redeliver, $"{condition}: reason code '{disposition.ReasonCode}' is not a constant");
        }

        Assert.Equal(Enum.GetValues<FailureCondition>().Length, FailurePolicy.Table.Count);
    }

    [Fact]
    public void Permanent_failures_answer_with_public_reason_codes()
    {
        var published = typeof(FailureReasons).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        foreach (var (condition, disposition) in FailurePolicy.Table)
        {
            var final = disposition.AfterRefresh ?? disposition;
            if (final.Kind is DispositionKind.Fail or DispositionKind.Quarantine or DispositionKind.Reject)
            {
                Assert.True(published.Contains(final.ReasonCode), $"{condition} fails with '{final.ReasonCode}', which producers cannot look up");
            }
        }
    }

    [Theory]
    [InlineData(JiraErrorKind.Transient, null, FailureCondition.JiraTransient)]
    [InlineData(JiraErrorKind.UnknownOutcome, null, FailureCondition.JiraUnknownOutcome)]
    [InlineData(JiraErrorKind.RateLimited, "jira-burst-based", FailureCondition.JiraBurstLimit)]
    [InlineData(JiraErrorKind.RateLimited, "jira-quota-global-based", FailureCondition.JiraQuotaGlobal)]
    [InlineData(JiraErrorKind.RateLimited, "jira-quota-based", FailureCondition.JiraQuotaGlobal)]
    [InlineData(JiraErrorKind.RateLimited, "jira-cost-based", FailureCondition.JiraQuotaGlobal)]
    [InlineData(JiraErrorKind.RateLimited, "jira-quota-tenant-based", FailureCondition.JiraQuotaTenant)]
    [InlineData(JiraErrorKind.RateLimited, "jira-per-issue-on-write", FailureCondition.JiraPerIssueLimit)]
    [InlineData(JiraErrorKind.RateLimited, null, FailureCondition.JiraBurstLimit)]
    [InlineData(JiraErrorKind.Unauthorized, null, FailureCondition.JiraUnauthorized)]
    [InlineData(JiraErrorKind.PermissionDenied, null, FailureCondition.JiraPermissionDenied)]
    [InlineData(JiraErrorKind.NotFound, null, FailureCondition.JiraNotFound)]
    [InlineData(JiraErrorKind.SiteNotFound, null, FailureCondition.JiraSiteNotFound)]
    [InlineData(JiraErrorKind.Validation, null, FailureCondition.JiraValidation)]
    [InlineData(JiraErrorKind.InvalidAdf, null, FailureCondition.JiraInvalidAdf)]
    [InlineData(JiraErrorKind.TextTooLong, null, FailureCondition.JiraTextTooLong)]
    [InlineData(JiraErrorKind.ReauthorizationRequired, null, FailureCondition.JiraReauthorizationRequired)]
    [InlineData(JiraErrorKind.Unexpected, null, FailureCondition.JiraUnexpected)]
    public void Jira_errors_are_classified(JiraErrorKind kind, string? reason, FailureCondition expected) =>
        Assert.Equal(expected, FailurePolicy.Classify(new JiraError { Kind = kind, Message = "m", RateLimitReason = reason }));

    [Theory]
    [InlineData(OAuthErrorKind.ReauthorizationRequired, FailureCondition.TokenInvalidGrant)]
    [InlineData(OAuthErrorKind.InvalidClient, FailureCondition.TokenClientRejected)]
    [InlineData(OAuthErrorKind.Transient, FailureCondition.TokenUnavailable)]
    [InlineData(OAuthErrorKind.Unauthorized, FailureCondition.TokenUnavailable)]
    [InlineData(OAuthErrorKind.Failed, FailureCondition.TokenUnavailable)]
    public void Refresh_failures_are_classified(OAuthErrorKind kind, FailureCondition expected) =>
        Assert.Equal(expected, FailurePolicy.Classify(kind));

    [Fact]
    public void An_outcome_takes_its_reason_and_budget_from_the_row()
    {
        var transient = Assert.IsType<AttemptOutcome.Retry>(FailurePolicy.Outcome(FailureCondition.JiraTransient, "503"));
        Assert.True(transient.CountsAsAttempt);
        Assert.Equal(ReasonCodes.JiraUnavailable, transient.ReasonCode);

        var limited = Assert.IsType<AttemptOutcome.Retry>(FailurePolicy.Outcome(FailureCondition.JiraBurstLimit, "429", notBefore: TimeSpan.FromSeconds(3)));
        Assert.False(limited.CountsAsAttempt);
        Assert.Equal(TimeSpan.FromSeconds(3), limited.NotBefore);

        Assert.IsType<AttemptOutcome.Uncertain>(FailurePolicy.Outcome(FailureCondition.JiraUnknownOutcome, "504"));
        Assert.IsType<AttemptOutcome.Parked>(FailurePolicy.Outcome(FailureCondition.TokenInvalidGrant, "invalid_grant"));
        Assert.Throws<InvalidOperationException>(() => FailurePolicy.Outcome(FailureCondition.DatabaseUnavailable, "away"));
    }
}
