using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Commands;

/// <summary><c>GET /admin/commands</c>: the ledger, newest first, filtered by state, connection, reason and time, one page at a time.</summary>
public sealed class ListCommands
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Viewer;

    public static void Map(IEndpointRouteBuilder commands) => commands.MapGet("", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string? state, string? connection, string? reason, DateTime? since, DateTime? until, int? page, int? pageSize,
        IssueSyncDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Commands.AsNoTracking();
        if (state is not null)
        {
            if (!Enum.TryParse<CommandState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return AdminProblems.Invalid("state", $"Unknown state '{state}'; it is one of {string.Join(", ", Enum.GetNames<CommandState>())}.");
            }

            query = query.Where(c => c.State == parsed);
        }

        if (connection is not null)
        {
            query = query.Where(c => c.ConnectionName == connection);
        }

        if (reason is not null)
        {
            query = query.Where(c => c.ReasonCode == reason);
        }

        if (since is { } from)
        {
            query = query.Where(c => c.ReceivedAt >= from.ToUniversalTime());
        }

        if (until is { } to)
        {
            query = query.Where(c => c.ReceivedAt < to.ToUniversalTime());
        }

        var (number, size) = AdminPaging.Of(page, pageSize);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return Results.Ok(new PagedList<CommandSummary>(items.Select(CommandViews.Summary).ToList(), number, size, total));
    }
}
