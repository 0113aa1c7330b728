using System.ComponentModel;
using System.Globalization;
using IssueSync.Admin.Contracts;
using IssueSync.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.Ledger;

/// <summary>Options of <c>commands list</c>.</summary>
public sealed class CommandsListSettings : ApiSettings
{
    [CommandOption("--state <STATE>")]
    [Description("Only this state: Pending, InProgress, Uncertain, Parked, Created, Failed or Discarded.")]
    public string? State { get; init; }

    [CommandOption("--connection <NAME>")]
    [Description("Only this connection's commands.")]
    public string? Connection { get; init; }

    [CommandOption("--reason <CODE>")]
    [Description("Only this failure reason code (e.g. validation).")]
    public string? Reason { get; init; }

    [CommandOption("--since <WHEN>")]
    [Description("Received at or after: a duration back from now (30m, 2h, 7d, 1h30m) or an ISO 8601 time.")]
    public string? Since { get; init; }

    [CommandOption("--until <WHEN>")]
    [Description("Received before: a duration back from now or an ISO 8601 time.")]
    public string? Until { get; init; }

    [CommandOption("--page <N>")]
    [Description("The page, from 1.")]
    [DefaultValue(1)]
    public int Page { get; init; } = 1;

    [CommandOption("--page-size <N>")]
    [Description("Commands per page, at most 200.")]
    [DefaultValue(50)]
    public int PageSize { get; init; } = 50;

    public override ValidationResult Validate()
    {
        if (Page < 1)
        {
            return ValidationResult.Error("--page starts at 1.");
        }

        if (PageSize is < 1 or > 200)
        {
            return ValidationResult.Error("--page-size is 1 to 200.");
        }

        foreach (var (name, value) in new[] { ("--since", Since), ("--until", Until) })
        {
            if (value is not null && !FieldOptions.TryParseWhen(value, DateTimeOffset.UnixEpoch, out _))
            {
                return ValidationResult.Error($"{name} '{value}' is neither a duration (30m, 2h, 7d) nor an ISO 8601 time.");
            }
        }

        return ValidationResult.Success();
    }
}

/// <summary><c>issuesync commands list</c>: the ledger, newest first, one page at a time.</summary>
public sealed class CommandsListCommand(CliServices services) : ApiCommand<CommandsListSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, CommandsListSettings settings, CancellationToken cancellationToken)
    {
        var query = new CommandQuery
        {
            State = settings.State,
            Connection = settings.Connection,
            Reason = settings.Reason,
            Since = When(settings.Since),
            Until = When(settings.Until),
            Page = settings.Page,
            PageSize = settings.PageSize,
        };
        var response = await api.ListCommandsAsync(query, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        var page = response.Value;
        if (page.Items.Count == 0)
        {
            Console.MarkupLine("No commands match.");
        }
        else
        {
            // Uncertain commands bring what is known of their create requests and when they are looked up next.
            var uncertain = page.Items.Any(c => c.State == "Uncertain");
            string[] headers = ["ID", "KEY", "CONNECTION", "PROJECT", "STATE", "ATTEMPTS", "REASON", "JIRA", "AGE"];
            var table = Show.Table(uncertain ? [.. headers, "OUTCOME", "NEXT LOOKUP"] : headers);
            foreach (var command in page.Items)
            {
                string[] row =
                [
                    Markup.Escape(Show.ShortId(command.Id)),
                    Show.Text(command.IdempotencyKey, 40),
                    Show.Text(command.ConnectionId),
                    Show.Text(command.ProjectKey),
                    Show.State(command.State),
                    command.Attempts.ToString(CultureInfo.InvariantCulture),
                    Show.Text(command.ReasonCode),
                    Show.Text(command.JiraIssueKey),
                    Show.Age(command.ReceivedAt, Now),
                ];
                table.AddRow(uncertain ? [.. row, Show.Text(command.Outcome), NextLookup(command)] : row);
            }

            Console.Write(table);
        }

        Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]page {page.Page} of {page.PageCount()} ({Show.Count(page.Total, "command")})[/]"));
        if (page.Page < page.PageCount())
        {
            WriteHint("Next page:", NextPage(settings, page.Page + 1));
        }

        return ExitCodes.Success;
    }

    private static string NextPage(CommandsListSettings settings, int page)
    {
        var words = new List<string> { "issuesync", "commands", "list" };
        foreach (var (option, value) in new[]
        {
            ("--state", settings.State), ("--connection", settings.Connection), ("--reason", settings.Reason), ("--since", settings.Since), ("--until", settings.Until),
        })
        {
            if (value is not null)
            {
                words.Add(option);
                words.Add(Show.Arg(value));
            }
        }

        if (settings.PageSize != 50)
        {
            words.Add("--page-size");
            words.Add(settings.PageSize.ToString(CultureInfo.InvariantCulture));
        }

        words.Add("--page");
        words.Add(page.ToString(CultureInfo.InvariantCulture));
        return string.Join(' ', words);
    }

    private string NextLookup(CommandSummary command) => command.State switch
    {
        "Uncertain" when command.NextAttemptAt is null => "[yellow]operator[/]",
        "Uncertain" => Show.Relative(command.NextAttemptAt, Now),
        _ => "[grey]-[/]",
    };

    private DateTimeOffset? When(string? text) => FieldOptions.TryParseWhen(text, Now, out var when) ? when : null;
}
