using IssueSync.Admin.Contracts;

namespace IssueSync.Worker.Admin.Commands;

/// <summary>
/// <c>POST /admin/commands/{id}/discard {"reason"}</c>: an operator gives up on a command, saying why; the producer gets
/// IssueCreationFailed with reason <c>discarded</c>. A discarded command can still be retried.
/// </summary>
public sealed class DiscardCommand
{
    public static void Map(IEndpointRouteBuilder commands) => commands.MapPost("/{id}/discard", HandleAsync);

    public static async Task<IResult> HandleAsync(string id, DiscardRequest body, OperatorTransitions transitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return string.IsNullOrWhiteSpace(body.Reason)
            ? AdminProblems.Invalid("reason", "Say why the command is discarded.")
            : await transitions.ApplyAsync(id, "discarded", (command, now) => command.EndByOperator(discard: true, body.Reason, now), cancellationToken);
    }
}
