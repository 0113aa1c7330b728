using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Audit;
using IssueSync.Worker.Admin.Access;

namespace IssueSync.Worker.Admin.Commands;

/// <summary>
/// <c>POST /admin/commands/{id}/discard {"reason"}</c>: an operator gives up on a command, saying why; the producer gets
/// IssueCreationFailed with reason <c>discarded</c>. A discarded command can still be retried.
/// </summary>
public sealed class DiscardCommand
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Operator;

    public static void Map(IEndpointRouteBuilder commands) => commands.MapPost("/{id}/discard", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string id, DiscardRequest body, OperatorTransitions transitions, AdminAudit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        audit.Note($"reason: {body.Reason}");
        return string.IsNullOrWhiteSpace(body.Reason)
            ? AdminProblems.Invalid("reason", "Say why the command is discarded.")
            : await transitions.ApplyAsync(id, "discarded", (command, now) => command.EndByOperator(discard: true, body.Reason, now), cancellationToken);
    }
}
