using IssueSync.Admin.Contracts;

namespace IssueSync.Worker.Admin.Messages;

/// <summary>
/// <c>POST /admin/error-queue/redrive</c> with message ids, an exception type or <c>all</c>: the matching messages go back
/// to the input queue (fault headers stripped), the rest stay in <c>_error</c>.
/// </summary>
public sealed class RedriveErrorQueueMessages
{
    public static void Map(IEndpointRouteBuilder admin) => admin.MapPost("/error-queue/redrive", HandleAsync);

    public static async Task<IResult> HandleAsync(RedriveRequest body, ErrorQueueClient queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
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
