using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Connections;

/// <summary>
/// <c>POST /admin/connections/{name}/authorize</c>: a new authorize link for an existing connection (to reconnect after
/// <c>invalid_grant</c>; its parked commands resume once it is active again).
/// </summary>
public sealed class AuthorizeConnection
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Admin;

    public static void Map(IEndpointRouteBuilder connections) => connections.MapPost("/{name}/authorize", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string name, IssueSyncDbContext db, AuthorizeLinks links, TimeProvider time, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (connection is null)
        {
            return AdminProblems.NotFound($"No connection named '{name}'.");
        }

        var link = await links.NewAsync(connection, time.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Ok(link);
    }
}
