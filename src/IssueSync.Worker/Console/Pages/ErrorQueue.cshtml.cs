using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Messages;
using Microsoft.AspNetCore.Mvc;

namespace IssueSync.Worker.Console.Pages;

/// <summary>MassTransit's <c>_error</c> queue (as <c>issuesync error-queue</c>): read without removing; re-drive selected messages, an exception type or all.</summary>
public sealed class ErrorQueueModel(ConsoleActions actions, ErrorQueueClient queue) : ConsolePage
{
    public IReadOnlyList<ErrorQueueMessage> Messages { get; private set; } = [];

    public string? Problem { get; private set; }

    public bool MayAct { get; private set; }

    public async Task OnGetAsync()
    {
        MayAct = await actions.MayAsync(RedriveErrorQueueMessages.Policy);
        var answer = SliceAnswer.Of(await ListErrorQueueMessages.HandleAsync(ListErrorQueueMessages.DefaultLimit, queue, Aborted));
        Messages = answer.ValueAs<IReadOnlyList<ErrorQueueMessage>>() ?? [];
        Problem = answer.IsOk ? null : Describe(answer);
    }

    /// <summary><paramref name="mode"/>: the selected messages, every message of <paramref name="exceptionType"/>, or all.</summary>
    public async Task<IActionResult> OnPostRedriveAsync(string? mode, string[] ids, string? exceptionType)
    {
        var request = mode switch
        {
            "all" => new RedriveRequest(null, null, All: true),
            "type" => new RedriveRequest(null, exceptionType, All: false),
            _ => new RedriveRequest(ids, null, All: false),
        };
        var answer = await actions.RunAsync(RedriveErrorQueueMessages.Policy, nameof(RedriveErrorQueueMessages), null,
            audit => RedriveErrorQueueMessages.HandleAsync(request, queue, audit, Aborted));
        return Report(answer, answer.ValueAs<RedriveResult>() is { } result
            ? $"Re-drove {result.Redriven} message(s) to the input queue; {result.Remaining} left in the error queue."
            : "");
    }
}
