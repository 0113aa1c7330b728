using System.Text.RegularExpressions;
using IssueSync.Harness;
using IssueSync.JiraSimulator.Issues;

namespace IssueSync.Soak;

/// <summary>
/// Judges a run from its <see cref="Evidence"/>: each command against what the plan says must become of it, then
/// the checks that concern the whole run (queues, tokens in logs, invalid_grant, the revocation, the chaos itself).
/// </summary>
public sealed partial class Verdict
{
    private Verdict(IReadOnlyList<CommandVerdict> commands, IReadOnlyList<Check> checks, int kills)
    {
        Commands = commands;
        Checks = checks;
        Kills = kills;
    }

    /// <summary>One entry per planned command, in plan order.</summary>
    public IReadOnlyList<CommandVerdict> Commands { get; }

    public IReadOnlyList<Check> Checks { get; }

    public int Total => Commands.Count;

    public int Created => Commands.Count(c => c.Planned.IsValid && c.Issues.Count == 1);

    public int Lost => Commands.Count(c => c.Lost);

    /// <summary>Extra issues: a command with three issues counts two.</summary>
    public int Duplicates => Commands.Sum(c => Math.Max(0, c.Issues.Count - 1));

    public int WrongAnswers => Commands.Count(c => c.Wrong);

    /// <summary>Commands answered more than once with the same answer (answers are at least once; reported, not wrong).</summary>
    public int RepeatedAnswers => Commands.Count(c => c.Repeated);

    public int Unaccounted => Commands.Count(c => c.Unaccounted);

    public int Kills { get; }

    public bool Ok => Lost == 0 && Duplicates == 0 && WrongAnswers == 0 && Unaccounted == 0 && Checks.All(c => c.Ok);

    public IEnumerable<CommandVerdict> Offenders => Commands.Where(c => c.Problems.Count > 0);

    public string SummaryLine =>
        $"soak: {Total} commands, {Created} created, {Lost} lost, {Duplicates} duplicates, {WrongAnswers} wrong answers, {Unaccounted} unaccounted, {Kills} kills, {(Ok ? "ok" : "FAILED")}";

    public static Verdict From(Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var issuesByKey = evidence.Issues
            .Select(issue => (Key: MarkerOf(issue.Summary), Issue: issue))
            .Where(x => x.Key is not null)
            .ToLookup(x => x.Key!, x => x.Issue, StringComparer.Ordinal);
        var answersByKey = evidence.Answers.ToLookup(a => a.IdempotencyKey, StringComparer.Ordinal);
        var commands = evidence.Plan.Commands.Select(planned => Judge(
            planned,
            [.. issuesByKey[planned.Key]],
            [.. answersByKey[planned.Key].OrderBy(a => a.ReceivedAt)],
            evidence.Ledger.GetValueOrDefault(planned.Key),
            evidence.Sends.GetValueOrDefault(planned.Key))).ToList();
        return new Verdict(commands, RunChecks(evidence, issuesByKey, answersByKey), evidence.Kills);
    }

    private static CommandVerdict Judge(PlannedCommand planned, List<SimulatedIssue> issues, List<Answer> answers, LedgerRow? ledger, int sends)
    {
        var verdict = new CommandVerdict(planned, issues, answers, ledger, sends);
        var created = answers.Where(a => a.Created is not null).ToList();
        var failed = answers.Where(a => a.Failed is not null).ToList();
        var mayRepeat = planned.Doubled || sends > 1;

        if (ledger is null)
        {
            verdict.Unaccount("no ledger row");
        }
        else if (!ledger.IsTerminal)
        {
            verdict.Unaccount($"left {ledger.State} in the ledger");
        }

        if (answers.Count == 0)
        {
            verdict.Unaccount("no answer event");
        }

        if (planned.IsValid)
        {
            JudgeValid(verdict, created, failed, mayRepeat);
        }
        else
        {
            JudgeInvalid(verdict, created, failed, mayRepeat);
        }

        return verdict;
    }

    private static void JudgeValid(CommandVerdict verdict, List<Answer> created, List<Answer> failed, bool mayRepeat)
    {
        var (planned, issues, ledger) = (verdict.Planned, verdict.Issues, verdict.Ledger);
        // Without an issue, a command still in progress is unaccounted (not finished in time), not lost.
        if (issues.Count == 0 && (ledger is null || ledger.IsTerminal))
        {
            verdict.Lose("no issue in Jira");
        }
        else if (issues.Count > 1)
        {
            verdict.Note($"{issues.Count} issues in Jira: {string.Join(", ", issues.Select(i => i.Key))}");
        }

        foreach (var issue in issues.Where(i => i.CloudId != planned.Site.CloudId || i.ProjectKey != planned.Command.ProjectKey))
        {
            verdict.Wrongly($"{issue.Key} was created in {issue.ProjectKey} on {issue.CloudId}, not {planned.Command.ProjectKey} on {planned.Site.CloudId}");
        }

        foreach (var answer in failed)
        {
            verdict.Wrongly($"a valid command was answered {answer}");
        }

        var keys = created.Select(a => a.Created!.IssueKey).Distinct(StringComparer.Ordinal).ToList();
        // IssueCreated is published at least once per command: a repeat of the same answer (same issue) is reported,
        // and only an answer that disagrees with another one, or with Jira, is wrong.
        if (created.Count > 1 && !mayRepeat && keys.Count == 1)
        {
            verdict.Repeat($"published once, answered {created.Count} times with the same issue: {string.Join("; ", created)}");
        }

        if (keys.Count > 1)
        {
            verdict.Wrongly($"answered with different issue keys: {string.Join(", ", keys)}");
        }

        if (issues.Count == 0)
        {
            foreach (var answer in created)
            {
                verdict.Wrongly($"answered {answer}, but Jira has no issue for it");
            }
        }
        else if (issues.Count == 1)
        {
            foreach (var answer in created.Where(a => a.Created!.IssueKey != issues[0].Key || a.Created.CloudId != issues[0].CloudId))
            {
                verdict.Wrongly($"answered {answer}, but the issue is {issues[0].Key} on {issues[0].CloudId}");
            }

            if (ledger is { State: "Created" } && ledger.JiraIssueKey != issues[0].Key)
            {
                verdict.Wrongly($"the ledger says {ledger.JiraIssueKey}, Jira has {issues[0].Key}");
            }
        }

        if (ledger is { IsTerminal: true, State: not "Created" })
        {
            verdict.Wrongly($"the ledger says {ledger.State} ({ledger.ReasonCode}: {ledger.LastError})");
        }
    }

    private static void JudgeInvalid(CommandVerdict verdict, List<Answer> created, List<Answer> failed, bool mayRepeat)
    {
        var (planned, issues, ledger) = (verdict.Planned, verdict.Issues, verdict.Ledger);
        var field = planned.Invalid!.Field;
        foreach (var issue in issues)
        {
            verdict.Wrongly($"an invalid command ({planned.Invalid.Name}) created {issue.Key}");
        }

        foreach (var answer in created)
        {
            verdict.Wrongly($"an invalid command ({planned.Invalid.Name}) was answered {answer}");
        }

        if (failed.Count > 1 && !mayRepeat)
        {
            verdict.Repeat($"published once, answered {failed.Count} times");
        }

        if (failed.Select(a => a.Failed!.ReasonCode).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            verdict.Wrongly($"answered with different reasons: {string.Join("; ", failed)}");
        }

        foreach (var answer in failed.Where(a => !Names(a, field)))
        {
            verdict.Wrongly($"failed without naming '{field}': {answer}");
        }

        if (ledger is { IsTerminal: true, State: not "Failed" })
        {
            verdict.Wrongly($"the ledger says {ledger.State}, not Failed");
        }
    }

    private static bool Names(Answer answer, string field) =>
        answer.Failed!.FieldErrors.Any(f => string.Equals(f.Field, field, StringComparison.OrdinalIgnoreCase))
        || answer.Failed.Message.Contains(field, StringComparison.OrdinalIgnoreCase);

    private static List<Check> RunChecks(Evidence evidence, ILookup<string, SimulatedIssue> issuesByKey, ILookup<string, Answer> answersByKey)
    {
        var planned = evidence.Plan.Commands.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var revoked = SoakAccount.Revoked.Connection;
        var checks = new List<Check>
        {
            new("everything answered before the deadline", "yes", evidence.DrainTimeout ?? "yes", evidence.DrainTimeout is null),
        };

        foreach (var queue in evidence.Queues)
        {
            checks.Add(new($"queue {queue.Queue}", "0 messages", queue.Exists ? $"{queue.Messages} messages" : "absent", queue.Messages == 0));
        }

        var strayIssues = evidence.Issues.Count(i => MarkerOf(i.Summary) is not { } key || !planned.Contains(key));
        checks.Add(new("issues that answer no command", "0", strayIssues.ToString(System.Globalization.CultureInfo.InvariantCulture), strayIssues == 0));
        var strayAnswers = answersByKey.Where(g => !planned.Contains(g.Key)).Sum(g => g.Count());
        checks.Add(new("answers to keys never published", "0", $"{strayAnswers}", strayAnswers == 0));
        checks.Add(new("unreadable messages on the answer queue", "0", $"{evidence.UnreadableAnswers}", evidence.UnreadableAnswers == 0));
        var rejected = evidence.Rejected.Where(r => r.Key is null || planned.Contains(r.Key)).ToList();
        checks.Add(new("rejected messages", "0", rejected.Count == 0 ? "0" : $"{rejected.Count}: {string.Join("; ", rejected.Take(3).Select(r => $"{r.Key} {r.Reason}"))}", rejected.Count == 0));

        // Tokens: every one the simulator minted, looked for in every process log.
        checks.Add(evidence.Tokens is null
            ? new("tokens in logs", "0", "NOT CHECKED: the simulator cannot list its tokens (GET /_simulator/tokens)", false)
            : new("tokens in logs", "0", evidence.Leaks.Count == 0
                ? $"0 ({evidence.Tokens.Count} tokens, {evidence.LogFilesScanned} logs)"
                : $"{evidence.Leaks.Count}: {string.Join("; ", evidence.Leaks.Take(3).Select(l => $"{l.Redacted} in {Path.GetFileName(l.File)}:{l.Line}"))}", evidence.Leaks.Count == 0));

        // invalid_grant only for the revoked account.
        var othersReauthorized = evidence.Reauthorizations.Where(r => r.ConnectionId != revoked).ToList();
        checks.Add(new("invalid_grant outside the revoked account", "0 reauthorization events",
            othersReauthorized.Count == 0 ? "0" : string.Join("; ", othersReauthorized.Select(r => $"{r.ConnectionId}: {r.Reason}")), othersReauthorized.Count == 0));
        var grantAttempts = evidence.Ledger.Values.Where(r => r.ConnectionName != revoked)
            .SelectMany(r => r.AttemptLog.Where(a => (a.Detail ?? "").Contains("invalid_grant", StringComparison.OrdinalIgnoreCase)).Select(_ => r.IdempotencyKey)).ToList();
        checks.Add(new("attempts with invalid_grant outside the revoked account", "0", $"{grantAttempts.Count}", grantAttempts.Count == 0));
        var notActive = evidence.ConnectionStatuses.Where(s => s.Value != "Active").ToList();
        checks.Add(new("connections active at the end", "all", notActive.Count == 0 ? "all" : string.Join(", ", notActive.Select(s => $"{s.Key} {s.Value}")), notActive.Count == 0));

        // The revocation scenario really happened: commands parked, the worker said so on the bus, the reconnect worked.
        if (evidence.Revocation is { } revocation)
        {
            checks.Add(new("invalid_grant before the revocation", "0", $"{revocation.InvalidGrantsBefore}", revocation.InvalidGrantsBefore == 0));
            checks.Add(new($"{revoked} commands parked while revoked", "> 0", $"{revocation.ParkedSeen}", revocation.ParkedSeen > 0));
            var events = evidence.Reauthorizations.Count(r => r.ConnectionId == revoked);
            checks.Add(new($"ConnectionReauthorizationRequired for {revoked}", "≥ 1", $"{events}", events > 0));
        }
        else
        {
            checks.Add(new("grant revoked and reconnected", "yes", "did not complete", false));
        }

        foreach (var problem in evidence.ChaosProblems)
        {
            checks.Add(new("chaos as planned", "no problem", problem, false));
        }

        return checks;
    }

    /// <summary>The idempotency key in an issue summary's marker <c>[key]</c>.</summary>
    public static string? MarkerOf(string summary)
    {
        var match = MarkerPattern().Match(summary ?? "");
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"\[(s-?\d+-\d{6})\]\s*$")]
    private static partial Regex MarkerPattern();
}

/// <summary>A run-wide check: what was expected, what was seen.</summary>
public sealed record Check(string Name, string Expected, string Observed, bool Ok);

/// <summary>What became of one command, and what is wrong with it.</summary>
public sealed class CommandVerdict(PlannedCommand planned, IReadOnlyList<SimulatedIssue> issues, IReadOnlyList<Answer> answers, LedgerRow? ledger, int sends)
{
    private readonly List<string> _problems = [];

    public PlannedCommand Planned { get; } = planned;

    public IReadOnlyList<SimulatedIssue> Issues { get; } = issues;

    public IReadOnlyList<Answer> Answers { get; } = answers;

    public LedgerRow? Ledger { get; } = ledger;

    public int Sends { get; } = sends;

    public IReadOnlyList<string> Problems => _problems;

    public bool Lost { get; private set; }

    public bool Wrong { get; private set; }

    public bool Unaccounted { get; private set; }

    /// <summary>Answered more than once, every time the same.</summary>
    public bool Repeated { get; private set; }

    internal void Lose(string problem)
    {
        Lost = true;
        _problems.Add("LOST: " + problem);
    }

    internal void Wrongly(string problem)
    {
        Wrong = true;
        _problems.Add("WRONG: " + problem);
    }

    internal void Unaccount(string problem)
    {
        Unaccounted = true;
        _problems.Add("UNACCOUNTED: " + problem);
    }

    internal void Note(string problem) => _problems.Add("DUPLICATE: " + problem);

    internal void Repeat(string problem)
    {
        Repeated = true;
        _problems.Add("REPEATED ANSWER: " + problem);
    }
}
