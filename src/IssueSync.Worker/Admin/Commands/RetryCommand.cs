using IssueSync.Worker.Admin.Access;

namespace IssueSync.Worker.Admin.Commands;

/// <summary>
/// <c>POST /admin/commands/{id}/retry</c>: a failed, parked or discarded command is due again now, with a fresh retry
/// budget (looked up first if its issue may exist). Any replica's dispatcher picks it up.
/// </summary>
public sealed class RetryCommand
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Operator;

    public static void Map(IEndpointRouteBuilder commands) => commands.MapPost("/{id}/retry", HandleAsync).RequireAuthorization(Policy);

    public static Task<IResult> HandleAsync(string id, OperatorTransitions transitions, CancellationToken cancellationToken) =>
        transitions.ApplyAsync(id, "retried", (command, now) => command.Retry(now), cancellationToken);
}
