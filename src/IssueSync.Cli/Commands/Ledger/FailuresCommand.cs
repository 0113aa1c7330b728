using System.ComponentModel;
using System.Globalization;
using IssueSync.Admin.Contracts;
using IssueSync.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.Ledger;

/// <summary>Options of <c>failures</c>.</summary>
public sealed class FailuresSettings : ApiSettings
{
    [CommandOption("--connection <NAME>")]
    [Description("Only this connection's failures.")]
    public string? Connection { get; init; }
}

/// <summary><c>issuesync failures</c>: failed commands grouped by reason, the failure inbox.</summary>
public sealed class FailuresCommand(CliServices services) : ApiCommand<FailuresSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, FailuresSettings settings, CancellationToken cancellationToken)
    {
        var response = await api.GetFailuresAsync(settings.Connection, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        var groups = response.Value.OrderByDescending(g => g.Count).ThenBy(g => g.ReasonCode, StringComparer.Ordinal).ToList();
        if (groups.Count == 0)
        {
            Console.MarkupLine("[green]No failed commands.[/]");
            return ExitCodes.Success;
        }

        var table = Show.Table("REASON", "COUNT", "OLDEST", "NEWEST", "SAMPLE", "CONNECTIONS");
        foreach (var group in groups)
        {
            table.AddRow(
                $"[red]{Markup.Escape(group.ReasonCode)}[/]",
                group.Count.ToString(CultureInfo.InvariantCulture),
                Show.Age(group.Oldest, Now),
                Show.Age(group.Newest, Now),
                Show.Text(group.SampleMessage, 80),
                Show.Text(string.Join(", ", group.Connections ?? [])));
        }

        Console.Write(table);
        Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{Show.Count(groups.Sum(g => (long)g.Count), "failed command")} in {Show.Count(groups.Count, "group")}[/]"));
        var code = Show.Arg(groups[0].ReasonCode);
        var connection = settings.Connection is null ? "" : $" --connection {Show.Arg(settings.Connection)}";
        WriteHint("See them:       ", $"issuesync commands list --state Failed --reason {code}{connection}");
        WriteHint("Look at one:    ", "issuesync commands show <id>");
        WriteHint("Retry a group:  ", $"issuesync retry --reason {code}{connection}");
        return ExitCodes.Success;
    }
}
