using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Connections;

/// <summary><c>DELETE /admin/connections/{name}</c>: erases the connection's tokens; its status becomes Disconnected. 204.</summary>
public sealed class DisconnectConnection
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Admin;

    public static void Map(IEndpointRouteBuilder connections) => connections.MapDelete("/{name}", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string name, IssueSyncDbContext db, TimeProvider time, ILogger<DisconnectConnection> logger,
        CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (connection is null)
        {
            return AdminProblems.NotFound($"No connection named '{name}'.");
        }

        connection.Status = ConnectionStatus.Disconnected;
        connection.StatusReason = "Disconnected by an operator.";
        connection.ProtectedAccessToken = null;
        connection.ProtectedRefreshToken = null;
        connection.AccessTokenExpiresAt = null;
        connection.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Connection {ConnectionId} disconnected; its tokens were erased", name);
        return Results.NoContent();
    }
}
