using IssueSync.Admin.Contracts;
using IssueSync.Contracts;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Commands;

/// <summary><c>GET /admin/failures</c>, the failure inbox: failed commands grouped by reason, biggest group first.</summary>
public sealed class ListFailures
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Viewer;

    public static void Map(IEndpointRouteBuilder admin) => admin.MapGet("/failures", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string? connection, IssueSyncDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Commands.AsNoTracking().Where(c => c.State == CommandState.Failed);
        if (connection is not null)
        {
            query = query.Where(c => c.ConnectionName == connection);
        }

        var rows = await query.Select(c => new { c.ReasonCode, c.ConnectionName, c.CompletedAt, c.LastError }).ToListAsync(cancellationToken);
        return Results.Ok(rows.GroupBy(r => r.ReasonCode ?? FailureReasons.Unexpected)
            .Select(g => new FailureGroup(g.Key, g.Count(), g.Min(r => r.CompletedAt), g.Max(r => r.CompletedAt),
                g.OrderByDescending(r => r.CompletedAt).First().LastError,
                g.Select(r => r.ConnectionName ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.ReasonCode, StringComparer.Ordinal)
            .ToList());
    }
}
