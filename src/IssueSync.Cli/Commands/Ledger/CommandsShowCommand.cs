using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using IssueSync.Cli.Api;
using IssueSync.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.Ledger;

/// <summary>A command about one ledger command.</summary>
public class CommandIdSettings : ApiSettings
{
    /// <summary>The command id (GUID) or its idempotency key.</summary>
    [CommandArgument(0, "<id>")]
    [Description("The command id (GUID) or its idempotency key.")]
    public string Id { get; init; } = "";
}

/// <summary><c>issuesync commands show ID|KEY</c>: the command, Jira's per-field errors, its attempts and what to do next.</summary>
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
        var summary = detail.Summary;
        var fields = Show.Fields();
        Show.Field(fields, "Id", Show.Text(summary.Id));
        Show.Field(fields, "Key", Show.Text(summary.IdempotencyKey));
        Show.Field(fields, "State", Show.State(summary.State));
        if (summary.ReasonCode is not null)
        {
            Show.Field(fields, "Reason", $"[red]{Markup.Escape(summary.ReasonCode)}[/]");
        }

        if (summary.LastError is not null)
        {
            Show.Field(fields, "Last error", Show.Text(summary.LastError));
        }

        Show.Field(fields, "Connection", Show.Text(summary.ConnectionId));
        Show.Field(fields, "Project", Show.Text(summary.ProjectKey));
        Show.Field(fields, "Summary", Show.Text(summary.Summary));
        AddCommandFields(fields, detail.Command);
        Show.Field(fields, "Attempts", summary.Attempts.ToString(CultureInfo.InvariantCulture));
        if (summary.NextAttemptAt is not null && summary.State is "Pending")
        {
            Show.Field(fields, "Next attempt", Show.Timestamp(summary.NextAttemptAt, Now));
        }

        Show.Field(fields, "Jira issue", summary.JiraIssueKey is null ? "[grey]-[/]" : $"[green]{Markup.Escape(summary.JiraIssueKey)}[/]");
        Show.Field(fields, "Received", Show.Timestamp(summary.ReceivedAt, Now));
        Show.Field(fields, "Updated", Show.Timestamp(summary.UpdatedAt, Now));
        if (summary.CompletedAt is not null)
        {
            Show.Field(fields, "Completed", Show.Timestamp(summary.CompletedAt, Now));
        }

        Console.Write(new Panel(fields).Header($"command/{Markup.Escape(Show.ShortId(summary.Id))}"));

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
            var attempts = Show.Table("#", "STARTED", "DURATION", "OUTCOME", "HTTP", "DETAIL", "REPLICA");
            foreach (var attempt in detail.AttemptLog.OrderBy(a => a.Number))
            {
                attempts.AddRow(
                    attempt.Number.ToString(CultureInfo.InvariantCulture),
                    Show.Age(attempt.StartedAt, Now) + " ago",
                    attempt is { StartedAt: { } start, FinishedAt: { } end } ? Duration(end - start) : "-",
                    Show.Text(attempt.Outcome),
                    attempt.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    Show.Text(attempt.Detail, 120),
                    Show.Text(attempt.Replica));
            }

            Console.Write(attempts);
        }

        WriteHints(detail);
        return ExitCodes.Success;
    }

    private void WriteHints(CommandDetail detail)
    {
        var summary = detail.Summary;
        var id = Show.Arg(summary.Id);
        switch (summary.State)
        {
            case "Failed":
                Console.MarkupLine("[bold]Next steps[/]");
                WriteHint("  retry as it is:      ", $"issuesync retry {id}");
                WriteHint("  fix it, then retry:  ", $"issuesync commands edit {id} {EditFlags(detail.FieldErrors)}");
                WriteHint("  give up on it:       ", $"issuesync discard {id} --reason \"...\"");
                break;
            case "Parked":
                Console.MarkupLine("[bold]Next steps[/]");
                if (summary.ConnectionId is not null)
                {
                    WriteHint("  reconnect (it resumes by itself):", $"issuesync connections authorize {Show.Arg(summary.ConnectionId)}");
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
    private static string EditFlags(IReadOnlyList<IssueSync.Contracts.FieldError> errors)
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

    private static void AddCommandFields(Grid fields, JsonElement? command)
    {
        if (command is not { ValueKind: JsonValueKind.Object } json)
        {
            return;
        }

        Show.Field(fields, "Issue type", Show.Text(String(json, "issueType")));
        foreach (var (label, name) in new[] { ("Priority", "priority"), ("Assignee", "assigneeAccountId"), ("Due", "dueDate"), ("Site", "site"), ("Correlation", "correlationId") })
        {
            if (String(json, name) is { } value)
            {
                Show.Field(fields, label, Show.Text(value));
            }
        }

        foreach (var (label, name) in new[] { ("Components", "components"), ("Labels", "labels") })
        {
            if (json.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0)
            {
                Show.Field(fields, label, Markup.Escape(string.Join(", ", list.EnumerateArray().Select(Text))));
            }
        }

        if (json.TryGetProperty("customFields", out var custom) && custom.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in custom.EnumerateObject())
            {
                Show.Field(fields, field.Name, Show.Text(Text(field.Value), 120));
            }
        }

        if (String(json, "descriptionMarkdown") is { } markdown)
        {
            Show.Field(fields, "Description", string.Create(CultureInfo.InvariantCulture, $"[grey]{markdown.Length} characters of Markdown[/]"));
        }
        else if (json.TryGetProperty("descriptionAdf", out var adf) && adf.ValueKind == JsonValueKind.Object)
        {
            Show.Field(fields, "Description", "[grey]ADF document[/]");
        }
    }

    private static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();

    private static string Duration(TimeSpan span) => span switch
    {
        _ when span < TimeSpan.FromSeconds(1) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0}ms"),
        _ when span < TimeSpan.FromMinutes(1) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0}s"),
        _ => Show.Duration(span),
    };
}
