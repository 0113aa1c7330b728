using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Commands;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Console.Pages;

/// <summary>
/// One command (as <c>issuesync commands show</c>): as received, every attempt, Jira's field errors next to the fields,
/// the issue link, its history; edit-then-retry (re-validated by the edit slice against the producer rules and the
/// create metadata before anything changes), retry, discard, fail, and the decision on an uncertain command.
/// </summary>
public sealed class CommandModel(ConsoleActions actions, IssueSyncDbContext db, CommandFinder finder, OperatorTransitions transitions) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public CommandDetail? Command { get; private set; }

    public string? IssueUrl { get; private set; }

    [BindProperty]
    public CommandForm Form { get; set; } = new();

    /// <summary>Why the last edit was not saved, per form input.</summary>
    public Dictionary<string, List<string>> EditErrors { get; } = new(StringComparer.Ordinal);

    public string? EditProblem { get; private set; }

    public bool MayAct { get; private set; }

    /// <summary>Jira's errors from the last failure, per form input.</summary>
    public Dictionary<string, List<string>> JiraErrors { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (Command!.Command is { } original)
        {
            Form = CommandForm.From(original);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync([FromServices] EditPreflight preflight, [FromServices] LedgerClock clock)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (Command!.Command is not { } original)
        {
            return Refuse("This command holds no readable CreateIssue to edit.", new { Id });
        }

        var edit = Form.ToEdit(original);
        if (!EditCommand.EditedFields(edit).Any())
        {
            EditProblem = "Nothing was changed in the form.";
            return Page();
        }

        var answer = await actions.RunAsync(EditCommand.Policy, nameof(EditCommand), Id,
            audit => EditCommand.HandleAsync(Id, edit, finder, transitions, db, preflight, clock, audit, Aborted));
        if (answer.IsOk)
        {
            return Done($"Edited ({string.Join(", ", EditCommand.EditedFields(edit))}) and retried.", new { Id });
        }

        // Shown on the form, with the operator's values kept.
        EditProblem = answer.Detail;
        foreach (var (field, messages) in answer.Errors)
        {
            Add(EditErrors, CommandForm.InputFor(field), messages);
        }

        Response.StatusCode = answer.Status;
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync() =>
        Report(await actions.RunAsync(RetryCommand.Policy, nameof(RetryCommand), Id, _ => RetryCommand.HandleAsync(Id, transitions, Aborted)),
            "Retried: it is due now.", routeValues: new { Id });

    public async Task<IActionResult> OnPostDiscardAsync(string? reason) =>
        Report(await actions.RunAsync(DiscardCommand.Policy, nameof(DiscardCommand), Id,
            audit => DiscardCommand.HandleAsync(Id, new DiscardRequest(reason), transitions, audit, Aborted)), $"Discarded: {reason}", routeValues: new { Id });

    public async Task<IActionResult> OnPostFailAsync(string? reason) =>
        Report(await actions.RunAsync(FailCommand.Policy, nameof(FailCommand), Id,
            audit => FailCommand.HandleAsync(Id, new FailRequest(reason), transitions, audit, Aborted)), $"Failed by an operator: {reason}", routeValues: new { Id });

    public async Task<IActionResult> OnPostResolveAsync(string? issueKey, bool postAgain, [FromServices] JiraIssueFinder issues, [FromServices] LedgerClock clock) =>
        Report(await actions.RunAsync(ResolveCommand.Policy, nameof(ResolveCommand), Id,
                audit => ResolveCommand.HandleAsync(Id, new ResolveRequest(postAgain ? null : issueKey, postAgain), finder, issues, transitions, clock, audit, Aborted)),
            postAgain ? "Resolved: it is posted again now." : $"Resolved as {issueKey}.", routeValues: new { Id });

    private async Task<bool> LoadAsync()
    {
        MayAct = await actions.MayAsync(RetryCommand.Policy);
        Command = SliceAnswer.Of(await GetCommand.HandleAsync(Id, finder, db, Aborted)).ValueAs<CommandDetail>();
        if (Command is null)
        {
            return false;
        }

        foreach (var error in Command.FieldErrors)
        {
            Add(JiraErrors, CommandForm.InputFor(error.Field), [error.Message]);
        }

        if (Command.JiraIssueKey is { } key)
        {
            var site = await db.Connections.AsNoTracking().Where(c => c.Name == Command.ConnectionId && c.CloudId == Command.CloudId)
                .Select(c => c.SiteUrl).SingleOrDefaultAsync(Aborted);
            IssueUrl = site is null ? null : $"{site.TrimEnd('/')}/browse/{Uri.EscapeDataString(key)}";
        }

        return true;
    }

    private static void Add(Dictionary<string, List<string>> errors, string input, IEnumerable<string> messages)
    {
        if (!errors.TryGetValue(input, out var list))
        {
            errors[input] = list = [];
        }

        list.AddRange(messages);
    }
}
