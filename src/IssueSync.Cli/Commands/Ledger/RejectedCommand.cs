using System.ComponentModel;
using System.Globalization;
using IssueSync.Admin.Contracts;
using IssueSync.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.Ledger;

/// <summary>Options of <c>rejected</c>.</summary>
public sealed class RejectedSettings : ApiSettings
{
    [CommandOption("--reason <CODE>")]
    [Description("Only this reason code (malformed-command, message-too-large, …).")]
    public string? Reason { get; init; }

    [CommandOption("--page <N>")]
    [Description("The page, from 1.")]
    [DefaultValue(1)]
    public int Page { get; init; } = 1;

    [CommandOption("--page-size <N>")]
    [Description("Messages per page, at most 200.")]
    [DefaultValue(50)]
    public int PageSize { get; init; } = 50;

    public override ValidationResult Validate() =>
        Page < 1 ? ValidationResult.Error("--page starts at 1.")
        : PageSize is < 1 or > 200 ? ValidationResult.Error("--page-size is 1 to 200.")
        : ValidationResult.Success();
}

/// <summary><c>issuesync rejected</c>: messages that never became commands (unreadable, unknown type, oversize).</summary>
public sealed class RejectedCommand(CliServices services) : ApiCommand<RejectedSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, RejectedSettings settings, CancellationToken cancellationToken)
    {
        var response = await api.ListRejectedAsync(settings.Reason, settings.Page, settings.PageSize, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        var page = response.Value;
        if (page.Items.Count == 0)
        {
            Console.MarkupLine("No rejected messages.");
        }
        else
        {
            var table = Show.Table("ID", "AGE", "REASON", "KEY", "TYPE", "BYTES", "DETAIL");
            foreach (var message in page.Items)
            {
                table.AddRow(
                    Markup.Escape(Show.ShortId(message.Id)),
                    Show.Age(message.ReceivedAt, Now),
                    $"[red]{Markup.Escape(message.ReasonCode)}[/]",
                    Show.Text(message.IdempotencyKey, 40),
                    Show.Text(message.MessageType ?? message.ContentType, 40),
                    message.BodyLength.ToString(CultureInfo.InvariantCulture),
                    Show.Text(message.Reason, 80));
            }

            Console.Write(table);
        }

        Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]page {page.Page} of {page.PageCount()} ({Show.Count(page.Total, "message")})[/]"));
        if (page.Items.Count > 0)
        {
            Console.MarkupLine("[grey]The raw bodies are in the JSON:[/] [bold]issuesync rejected --json[/]");
        }

        return ExitCodes.Success;
    }
}
