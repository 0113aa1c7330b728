using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Commands;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace IssueSync.Worker.Console.Pages;

/// <summary>
/// The failure inbox (as <c>issuesync failures</c>): failed commands grouped by reason; inside a group the commands with
/// Jira's per-field messages; retry a selection or the whole group, discard a selection with a reason.
/// </summary>
public sealed class FailuresModel(ConsoleActions actions, IssueSyncDbContext db, CommandFinder finder) : ConsolePage
{
    public const int GroupPageSize = 200;

    public IReadOnlyList<FailureGroup> Groups { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    public IReadOnlyList<CommandDetail> Commands { get; private set; } = [];

    public int Total { get; private set; }

    public bool MayAct { get; private set; }

    public async Task OnGetAsync()
    {
        MayAct = await actions.MayAsync(RetryCommands.Policy);
        Groups = SliceAnswer.Of(await ListFailures.HandleAsync(null, db, Aborted)).ValueAs<List<FailureGroup>>() ?? [];
        if (Reason is null)
        {
            return;
        }

        var page = SliceAnswer.Of(await ListCommands.HandleAsync("Failed", null, Reason, null, null, 1, GroupPageSize, db, Aborted)).ValueAs<PagedList<CommandSummary>>();
        Total = page?.Total ?? 0;
        var details = new List<CommandDetail>();
        foreach (var summary in page?.Items ?? [])
        {
            if (SliceAnswer.Of(await GetCommand.HandleAsync(summary.Id.ToString(), finder, db, Aborted)).ValueAs<CommandDetail>() is { } detail)
            {
                details.Add(detail);
            }
        }

        Commands = details;
    }

    /// <summary>Retry the selected commands, or every failed command of the group.</summary>
    public async Task<IActionResult> OnPostRetryAsync(string[] ids, bool wholeGroup, [FromServices] CommandLedger ledger, [FromServices] LedgerClock clock,
        [FromServices] ILogger<RetryCommands> logger)
    {
        if (!wholeGroup && ids.Length == 0)
        {
            return Refuse("Select the commands to retry, or retry the whole group.", new { Reason });
        }

        var filter = wholeGroup ? new RetryFilter(null, Reason, null, null) : new RetryFilter(ids, null, null, null);
        var answer = await actions.RunAsync(RetryCommands.Policy, nameof(RetryCommands), wholeGroup ? Reason : null,
            audit => RetryCommands.HandleAsync(filter, finder, db, ledger, clock, audit, logger, Aborted));
        return Report(answer, $"Retried {answer.ValueAs<RetryResult>()?.Retried ?? 0} command(s).", routeValues: new { Reason });
    }

    /// <summary>Discard the selected commands, saying why.</summary>
    public async Task<IActionResult> OnPostDiscardAsync(string[] ids, string? discardReason, [FromServices] OperatorTransitions transitions)
    {
        if (ids.Length == 0 || string.IsNullOrWhiteSpace(discardReason))
        {
            return Refuse("Select the commands to discard and say why.", new { Reason });
        }

        var discarded = 0;
        SliceAnswer? refused = null;
        foreach (var id in ids)
        {
            var answer = await actions.RunAsync(DiscardCommand.Policy, nameof(DiscardCommand), id,
                audit => DiscardCommand.HandleAsync(id, new DiscardRequest(discardReason), transitions, audit, Aborted));
            if (answer.IsOk)
            {
                discarded++;
            }
            else
            {
                refused ??= answer;
            }
        }

        return refused is null
            ? Done($"Discarded {discarded} command(s): {discardReason}", new { Reason })
            : Refuse($"Discarded {discarded} of {ids.Length} command(s); {Describe(refused)}", new { Reason });
    }
}
