using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Messages;

/// <summary><c>GET /admin/rejected</c>: messages that never became commands (bad JSON, unknown type, oversize, reused key), with their raw bodies.</summary>
public sealed class ListRejected
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Viewer;

    public static void Map(IEndpointRouteBuilder admin) => admin.MapGet("/rejected", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string? reason, int? page, int? pageSize, IssueSyncDbContext db, CancellationToken cancellationToken)
    {
        var (number, size) = AdminPaging.Of(page, pageSize);
        var query = db.RejectedMessages.AsNoTracking();
        if (reason is not null)
        {
            query = query.Where(r => r.ReasonCode == reason);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(r => r.ReceivedAt).Skip((number - 1) * size).Take(size)
            .Select(r => new RejectedMessageView(r.Id, r.ReasonCode, r.Reason, r.IdempotencyKey, r.MessageId, r.MessageType, r.ContentType,
                r.BodyLength, r.ReceivedAt, r.RawBody))
            .ToListAsync(cancellationToken);
        return Results.Ok(new PagedList<RejectedMessageView>(items, number, size, total));
    }
}
