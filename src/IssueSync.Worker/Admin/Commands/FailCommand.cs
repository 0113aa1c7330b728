using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Audit;
using IssueSync.Worker.Admin.Access;

namespace IssueSync.Worker.Admin.Commands;

/// <summary>
/// <c>POST /admin/commands/{id}/fail {"reason"}</c>: an operator ends a command as failed (reason <c>failed-by-operator</c>),
/// typically an uncertain one that should be neither looked up nor posted any more; the producer gets
/// IssueCreationFailed. Refused while a replica holds the command.
/// </summary>
public sealed class FailCommand
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Operator;

    public static void Map(IEndpointRouteBuilder commands) => commands.MapPost("/{id}/fail", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string id, FailRequest body, OperatorTransitions transitions, AdminAudit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        audit.Note($"reason: {body.Reason}");
        return string.IsNullOrWhiteSpace(body.Reason)
            ? AdminProblems.Invalid("reason", "Say why the command is failed.")
            : await transitions.ApplyAsync(id, "failed", (command, now) => command.EndByOperator(discard: false, body.Reason, now), cancellationToken);
    }
}
