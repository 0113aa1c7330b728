using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Commands;
using IssueSync.Worker.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace IssueSync.Worker.Console.Pages;

/// <summary>The ledger (as <c>issuesync commands list</c>): newest first, filtered by state, connection and reason, a page at a time.</summary>
public sealed class CommandsModel(IssueSyncDbContext db) : ConsolePage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Connection { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<CommandSummary>? Commands { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync()
    {
        var answer = SliceAnswer.Of(await ListCommands.HandleAsync(Empty(State), Empty(Connection), Empty(Reason), null, null, PageNumber, PageSize, db, Aborted));
        Commands = answer.ValueAs<PagedList<CommandSummary>>();
        Problem = answer.IsOk ? null : Describe(answer);
    }

    public string PageLink(int page) =>
        $"/console/commands?state={Uri.EscapeDataString(State ?? "")}&connection={Uri.EscapeDataString(Connection ?? "")}&reason={Uri.EscapeDataString(Reason ?? "")}&p={page}";

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
