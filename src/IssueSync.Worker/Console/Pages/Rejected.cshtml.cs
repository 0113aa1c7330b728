using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Messages;
using IssueSync.Worker.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace IssueSync.Worker.Console.Pages;

/// <summary>Messages that never became commands (as <c>issuesync rejected</c>), with their raw bodies shown as text.</summary>
public sealed class RejectedModel(IssueSyncDbContext db) : ConsolePage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<RejectedMessageView>? Messages { get; private set; }

    public async Task OnGetAsync() =>
        Messages = SliceAnswer.Of(await ListRejected.HandleAsync(string.IsNullOrWhiteSpace(Reason) ? null : Reason, PageNumber, PageSize, db, Aborted))
            .ValueAs<PagedList<RejectedMessageView>>();
}
