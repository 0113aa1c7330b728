using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IssueSync.JiraSimulator.Stats;

namespace IssueSync.Soak;

/// <summary>Prints the verdict: what the run exercised, the checks, the first offending commands, and the last line.</summary>
public static class Report
{
    private const int OffendersShown = 5;

    public static void Write(TextWriter output, Verdict verdict, Evidence evidence, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(evidence);
        output.WriteLine();
        output.WriteLine("== what the run exercised");
        WriteTable(output, ["", "count"], Exercised(evidence));
        output.WriteLine();
        output.WriteLine("== commands");
        WriteTable(output, ["", "count"],
        [
            ["commands (distinct keys)", N(verdict.Total)],
            ["  valid / invalid", $"{verdict.Commands.Count(c => c.Planned.IsValid)} / {verdict.Commands.Count(c => !c.Planned.IsValid)}"],
            ["  published twice (planned / by publish retries)", $"{verdict.Commands.Count(c => c.Planned.Doubled)} / {verdict.Commands.Count(c => !c.Planned.Doubled && c.Sends > 1)}"],
            ["created exactly once", N(verdict.Created)],
            ["lost (valid, no issue)", N(verdict.Lost)],
            ["duplicate issues", N(verdict.Duplicates)],
            ["wrong answers", N(verdict.WrongAnswers)],
            ["repeated answers (same content; answers are at least once)", N(verdict.RepeatedAnswers)],
            ["unaccounted (no answer, or not terminal)", N(verdict.Unaccounted)],
        ]);
        output.WriteLine();
        output.WriteLine("== invalid commands by mistake");
        WriteTable(output, ["mistake", "field", "commands", "failed naming it", "reasons"], [.. verdict.Commands.Where(c => !c.Planned.IsValid)
            .GroupBy(c => c.Planned.Invalid!)
            .OrderBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => new[]
            {
                g.Key.Name, g.Key.Field, N(g.Count()), N(g.Count(c => !c.Wrong && c.Answers.Count > 0)),
                string.Join(", ", g.SelectMany(c => c.Answers).Where(a => a.Failed is not null).Select(a => a.Failed!.ReasonCode).Distinct().Order()),
            })]);
        output.WriteLine();
        output.WriteLine("== checks");
        WriteTable(output, ["check", "expected", "observed", ""], [.. verdict.Checks.Select(c => new[] { c.Name, c.Expected, c.Observed, c.Ok ? "ok" : "FAILED" })]);

        var offenders = verdict.Offenders.ToList();
        if (offenders.Count > 0)
        {
            var all = Path.Combine(runDirectory, "offenders.txt");
            File.WriteAllText(all, string.Concat(offenders.Select(Describe)));
            output.WriteLine();
            output.WriteLine($"== first {Math.Min(OffendersShown, offenders.Count)} of {offenders.Count} offending commands (all of them: {all})");
            foreach (var offender in offenders.Take(OffendersShown))
            {
                output.Write(Describe(offender));
            }

            output.WriteLine();
            output.WriteLine("== problems by kind");
            WriteTable(output, ["problem", "commands"], [.. offenders.SelectMany(o => o.Problems.Select(Kind).Distinct())
                .GroupBy(k => k).OrderByDescending(g => g.Count()).Select(g => new[] { g.Key, N(g.Count()) })]);
        }

        output.WriteLine();
        output.WriteLine($"logs: {runDirectory}");
        output.WriteLine(verdict.SummaryLine);
    }

    private static List<string[]> Exercised(Evidence evidence)
    {
        var stats = evidence.Stats;
        long Requests(string endpoint, Func<string, bool> status) =>
            stats.Requests.TryGetValue(endpoint, out var byStatus) ? byStatus.Where(kv => status(kv.Key)).Sum(kv => kv.Value) : 0;
        return
        [
            ["worker SIGKILLs", N(evidence.Kills)],
            ["RabbitMQ / PostgreSQL restarts", $"{evidence.RabbitMqRestarts} / {evidence.PostgresRestarts}"],
            ["issues created in Jira", N(evidence.Issues.Count)],
            ["create requests (all / 201)", $"{Requests("create-issue", _ => true)} / {Requests("create-issue", s => s == "201")}"],
            ["injected faults", Faults(stats)],
            ["429s by reason", stats.Throttled.Count == 0 ? "0" : string.Join(", ", stats.Throttled.Select(kv => $"{kv.Key} {kv.Value}"))],
            ["dedupe searches (search-jql)", N(Requests("search-jql", _ => true))],
            ["token refreshes / code exchanges / invalid_grant", $"{stats.Refreshes} / {stats.CodeExchanges} / {stats.InvalidGrants}"],
            ["answer events captured", N(evidence.Answers.Count)],
            ["revoked account", evidence.Revocation is { } r
                ? $"{r.Account.Connection}: {r.ParkedSeen} parked, reconnected after {(r.ReconnectedAt - r.RevokedAt).TotalSeconds:0} s"
                : "not done"],
        ];
    }

    private static string Faults(SimulatorStatsSnapshot stats) =>
        stats.Faults.Count == 0 ? "0" : string.Join(", ", stats.Faults.Select(kv => $"{kv.Key} {kv.Value}"));

    private static string Describe(CommandVerdict offender)
    {
        var text = new StringBuilder();
        var planned = offender.Planned;
        text.AppendLine(CultureInfo.InvariantCulture, $"-- {planned.Key}: {planned.Describe()}{(planned.Doubled ? ", published twice" : "")}, sent {offender.Sends}×");
        foreach (var problem in offender.Problems)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"   {problem}");
        }

        if (offender.Ledger is { } row)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"   ledger: state {row.State}, attempts {row.Attempts}, reason {row.ReasonCode ?? "-"}, jira {row.JiraIssueKey ?? "-"}, outcome {row.Outcome ?? "-"}, " +
                $"next {Time(row.NextAttemptAt)}, lease {row.LeaseOwner ?? "-"}, received {Time(row.ReceivedAt)}, completed {Time(row.CompletedAt)}, result published {Time(row.ResultPublishedAt)}");
            if (row.LastError is { } error)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"   last error: {error}");
            }

            foreach (var attempt in row.AttemptLog)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"   attempt {attempt.Number} {Time(attempt.StartedAt)}→{Time(attempt.FinishedAt)} on {attempt.Replica}: {attempt.Outcome} {attempt.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? ""} {attempt.Detail}");
            }
        }
        else
        {
            text.AppendLine("   ledger: no row");
        }

        foreach (var answer in offender.Answers)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"   answer {Time(answer.ReceivedAt.UtcDateTime)}: {answer}");
        }

        foreach (var issue in offender.Issues)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"   issue {issue.Key} on {issue.CloudId} created {Time(issue.CreatedAt.UtcDateTime)} by {issue.CreatedBy}");
        }

        return text.ToString();
    }

    // Groups problems by their shape: keys, issue keys and numbers become placeholders.
    private static string Kind(string problem)
    {
        var shape = Regex.Replace(problem, @"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", "SITE");
        shape = Regex.Replace(shape, @"s-?\d+-\d{6}", "KEY");
        shape = Regex.Replace(shape, @"\b[A-Z]+-\d+\b", "ISSUE");
        shape = Regex.Replace(shape, @"\d+", "N");
        return shape.Length > 100 ? shape[..100] + "…" : shape;
    }

    private static string Time(DateTime? time) => time is { } t ? t.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) : "-";

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static void WriteTable(TextWriter output, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Min(90, Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length)))).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => (c.Length > widths[i] ? c[..(widths[i] - 1)] + "…" : c).PadRight(widths[i]))) + " |";
        output.WriteLine(Line(header));
        output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in rows)
        {
            output.WriteLine(Line(row));
        }
    }
}
