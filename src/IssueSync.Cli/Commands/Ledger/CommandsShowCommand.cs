using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using IssueSync.Admin.Contracts;
using IssueSync.Contracts;
using IssueSync.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.Ledger;

/// <summary>A command about one ledger command.</summary>
public class CommandIdSettings : ApiSettings
{
    /// <summary>The command id, a unique prefix of it, or its idempotency key.</summary>
    [CommandArgument(0, "<id>")]
    [Description("The command id, a unique prefix of it (at least 4 hex digits, as lists show) or its idempotency key.")]
    public string Id { get; init; } = "";
}

/// <summary><c>issuesync commands show ID|KEY</c>: the command, Jira's per-field errors, its attempts, what operators did to it and what to do next.</summary>
public sealed class CommandsShowCommand(CliServices services) : ApiCommand<CommandIdSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, CommandIdSettings settings, CancellationToken cancellationToken)
    {
        var response = await api.GetCommandAsync(settings.Id, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        var detail = response.Value;
        var fields = Show.Fields();
        Show.Field(fields, "Id", Show.Text(detail.Id.ToString()));
        Show.Field(fields, "Key", Show.Text(detail.IdempotencyKey));
        Show.Field(fields, "State", Show.State(detail.State));
        if (detail.ReasonCode is not null)
        {
            Show.Field(fields, "Reason", $"[red]{Markup.Escape(detail.ReasonCode)}[/]");
        }

        if (detail.LastError is not null)
        {
            Show.Field(fields, "Last error", Show.Text(detail.LastError));
        }

        Show.Field(fields, "Outcome", Outcome(detail.Outcome));
        if (detail.DedupeLabel is not null)
        {
            Show.Field(fields, "Dedupe label", Show.Text(detail.DedupeLabel));
        }

        Show.Field(fields, "Connection", Show.Text(detail.ConnectionId));
        Show.Field(fields, "Project", Show.Text(detail.ProjectKey));
        Show.Field(fields, "Summary", Show.Text(detail.Summary));
        AddCommandFields(fields, detail.Command);
        Show.Field(fields, "Attempts", detail.Attempts.ToString(CultureInfo.InvariantCulture));
        switch (detail.State)
        {
            case "Pending" when detail.NextAttemptAt is not null:
                Show.Field(fields, "Next attempt", Show.Timestamp(detail.NextAttemptAt, Now));
                break;
            case "Uncertain":
                Show.Field(fields, "Next lookup", detail.NextAttemptAt is null ? "[yellow]none: an operator decides[/]" : Show.Timestamp(detail.NextAttemptAt, Now));
                break;
        }

        Show.Field(fields, "Jira issue", detail.JiraIssueKey is null ? "[grey]-[/]" : $"[green]{Markup.Escape(detail.JiraIssueKey)}[/]");
        Show.Field(fields, "Received", Show.Timestamp(detail.ReceivedAt, Now));
        Show.Field(fields, "Updated", Show.Timestamp(detail.UpdatedAt, Now));
        if (detail.CompletedAt is not null)
        {
            Show.Field(fields, "Completed", Show.Timestamp(detail.CompletedAt, Now));
        }

        Console.Write(new Panel(fields).Header($"command/{Markup.Escape(Show.ShortId(detail.Id))}"));

        if (detail.FieldErrors.Count > 0)
        {
            Console.MarkupLine("[bold]Field errors[/]");
            var errors = Show.Table("FIELD", "MESSAGE");
            foreach (var error in detail.FieldErrors)
            {
                errors.AddRow($"[red]{Markup.Escape(error.Field)}[/]", Show.Text(error.Message));
            }

            Console.Write(errors);
        }

        if (detail.AttemptLog.Count > 0)
        {
            Console.MarkupLine("[bold]Attempts[/]");
            var attempts = Show.Table("#", "STARTED", "DURATION", "OUTCOME", "HTTP", "RETRY-AFTER", "DETAIL", "REPLICA");
            foreach (var attempt in detail.AttemptLog.OrderBy(a => a.Number))
            {
                attempts.AddRow(
                    attempt.Number.ToString(CultureInfo.InvariantCulture),
                    Show.Age(attempt.StartedAt, Now) + " ago",
                    attempt.FinishedAt is { } end ? Duration(end - attempt.StartedAt) : "-",
                    Show.Text(attempt.Outcome),
                    attempt.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    attempt.RetryAfterSeconds is { } wait ? Duration(TimeSpan.FromSeconds(wait)) : "-",
                    Show.Text(attempt.Detail, 120),
                    Show.Text(attempt.Replica));
            }

            Console.Write(attempts);
        }

        if (detail.History.Count > 0)
        {
            Console.MarkupLine("[bold]History[/]");
            var history = Show.Table("WHEN", "KEY", "ROLE", "ACTION", "STATUS", "DETAIL", "VIA");
            foreach (var entry in detail.History)
            {
                history.AddRow(
                    Show.Age(entry.At, Now) + " ago",
                    Show.Text(entry.Actor),
                    Show.Text(entry.Role),
                    Show.Text(entry.Action),
                    entry.Status is >= 200 and < 300 ? entry.Status.ToString(CultureInfo.InvariantCulture) : $"[red]{entry.Status.ToString(CultureInfo.InvariantCulture)}[/]",
                    Show.Text(entry.Detail, 120),
                    Show.Text(entry.Surface));
            }

            Console.Write(history);
        }

        WriteHints(detail);
        return ExitCodes.Success;
    }

    // What is known of the create requests sent so far (the command's outcome knowledge).
    private static string Outcome(string outcome) => outcome switch
    {
        "NotPosted" => "not posted: no create request is out",
        "MayExist" => "[yellow]may exist in Jira[/]: a create request's answer was lost; it is looked up by its dedupe label before anything is posted again",
        "Rejected" => "rejected: Jira refused the last create request, so it made nothing",
        _ => Show.Text(outcome),
    };

    private void WriteHints(CommandDetail detail)
    {
        var id = detail.Id.ToString();
        switch (detail.State)
        {
            case "Failed":
                Console.MarkupLine("[bold]Next steps[/]");
                WriteHint("  retry as it is:      ", $"issuesync retry {id}");
                WriteHint("  fix it, then retry:  ", $"issuesync commands edit {id} {EditFlags(detail.FieldErrors)}");
                WriteHint("  give up on it:       ", $"issuesync discard {id} --reason \"...\"");
                break;
            case "Uncertain":
                Console.MarkupLine("[bold]Next steps[/] [grey](or let the lookups run)[/]");
                WriteHint("  the issue exists (search Jira for its label):", $"issuesync resolve {id} --issue <KEY>");
                WriteHint("  it does not exist, post it again:            ", $"issuesync resolve {id} --post-again");
                WriteHint("  neither, end it as failed:                   ", $"issuesync fail {id} --reason \"...\"");
                break;
            case "Parked":
                Console.MarkupLine("[bold]Next steps[/]");
                if (detail.ConnectionId is not null)
                {
                    WriteHint("  reconnect (it resumes by itself):", $"issuesync connections authorize {Show.Arg(detail.ConnectionId)}");
                }

                WriteHint("  retry now:                        ", $"issuesync retry {id}");
                WriteHint("  give up on it:                    ", $"issuesync discard {id} --reason \"...\"");
                break;
            case "Discarded":
                WriteHint("Bring it back:", $"issuesync retry {id}");
                break;
        }
    }

    // The edit flags for the fields Jira complained about, so the hint is one edit away from the fix.
    private static string EditFlags(IReadOnlyList<FieldError> errors)
    {
        var flags = errors
            .Select(e => e.Field switch
            {
                "summary" => "--summary \"...\"",
                "issuetype" or "issueType" => "--issue-type <type>",
                "project" or "projectKey" => "--project <key>",
                "priority" => "--priority <name>",
                "components" => "--component <name>",
                "labels" => "--label <label>",
                "assignee" or "assigneeAccountId" => "--assignee <account id>",
                "duedate" or "dueDate" => "--due yyyy-MM-dd",
                "description" or "descriptionMarkdown" or "descriptionAdf" => "--description-file <file.md>",
                { } field when field.StartsWith("customfield_", StringComparison.Ordinal) => $"--field {field}=<value>",
                _ => null,
            })
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return flags.Count == 0 ? "--summary \"...\"" : string.Join(' ', flags);
    }

    private static void AddCommandFields(Grid fields, CreateIssue? command)
    {
        if (command is null)
        {
            return;
        }

        Show.Field(fields, "Issue type", Show.Text(command.IssueType));
        foreach (var (label, value) in new[]
        {
            ("Priority", command.Priority), ("Assignee", command.AssigneeAccountId), ("Due", command.DueDate), ("Site", command.Site), ("Correlation", command.CorrelationId),
        })
        {
            if (value is not null)
            {
                Show.Field(fields, label, Show.Text(value));
            }
        }

        foreach (var (label, list) in new[] { ("Components", command.Components), ("Labels", command.Labels) })
        {
            if (list is { Count: > 0 })
            {
                Show.Field(fields, label, Markup.Escape(string.Join(", ", list)));
            }
        }

        foreach (var (name, value) in command.CustomFields ?? new Dictionary<string, JsonElement>())
        {
            Show.Field(fields, name, Show.Text(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(), 120));
        }

        if (command.DescriptionMarkdown is { } markdown)
        {
            Show.Field(fields, "Description", string.Create(CultureInfo.InvariantCulture, $"[grey]{markdown.Length} characters of Markdown[/]"));
        }
        else if (command.DescriptionAdf is { ValueKind: JsonValueKind.Object })
        {
            Show.Field(fields, "Description", "[grey]ADF document[/]");
        }
    }

    private static string Duration(TimeSpan span) => span switch
    {
        _ when span < TimeSpan.FromSeconds(1) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0}ms"),
        _ when span < TimeSpan.FromMinutes(1) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0}s"),
        _ => Show.Duration(span),
    };
}
