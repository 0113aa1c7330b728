using IssueSync.Worker.Admin.Access;

namespace IssueSync.Worker.Admin.Messages;

/// <summary><c>GET /admin/error-queue?limit=</c>: MassTransit's <c>_error</c> queue, read without removing anything (RabbitMQ only; 501 otherwise).</summary>
public sealed class ListErrorQueueMessages
{
    public const int DefaultLimit = 50;

    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Viewer;

    public static void Map(IEndpointRouteBuilder admin) => admin.MapGet("/error-queue", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(int? limit, ErrorQueueClient queue, CancellationToken cancellationToken) =>
        queue.IsAvailable ? Results.Ok(await queue.PeekAsync(limit ?? DefaultLimit, cancellationToken)) : ErrorQueueClient.Unavailable();
}
