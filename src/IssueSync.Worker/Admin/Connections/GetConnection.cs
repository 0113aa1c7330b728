using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Connections;

/// <summary><c>GET /admin/connections/{name}</c>.</summary>
public sealed class GetConnection
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Viewer;

    public static void Map(IEndpointRouteBuilder connections) => connections.MapGet("/{name}", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string name, IssueSyncDbContext db, ConnectionViewer viewer, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Name == name, cancellationToken);
        return connection is null
            ? AdminProblems.NotFound($"No connection named '{name}'.")
            : Results.Ok(await viewer.ViewAsync(connection, cancellationToken));
    }
}
