using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Audit;
using IssueSync.Worker.Admin.Access;

namespace IssueSync.Worker.Admin.Messages;

/// <summary>
/// <c>POST /admin/error-queue/redrive</c> with message ids, an exception type or <c>all</c>: the matching messages go back
/// to the input queue (fault headers stripped), the rest stay in <c>_error</c>.
/// </summary>
public sealed class RedriveErrorQueueMessages
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Operator;

    public static void Map(IEndpointRouteBuilder admin) => admin.MapPost("/error-queue/redrive", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(RedriveRequest body, ErrorQueueClient queue, AdminAudit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        audit.Note(body.All ? "all" : body.MessageIds is { Count: > 0 } ids ? $"messages {string.Join(", ", ids)}" : $"exception type {body.ExceptionType}");
        if (!queue.IsAvailable)
        {
            return ErrorQueueClient.Unavailable();
        }

        if (!body.All && body.MessageIds is not { Count: > 0 } && string.IsNullOrEmpty(body.ExceptionType))
        {
            return AdminProblems.BadRequest("Say which messages to re-drive: messageIds, exceptionType, or all: true.");
        }

        return Results.Ok(await queue.RedriveAsync(body, cancellationToken));
    }
}
