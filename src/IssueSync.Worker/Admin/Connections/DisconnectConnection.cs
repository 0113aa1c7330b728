using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Connections;

/// <summary>
/// <c>DELETE /admin/connections/{name}</c>: erases the connection's tokens and revokes its outstanding authorize links
/// (an old link must not re-activate it); its status becomes Disconnected. 204.
/// </summary>
public sealed class DisconnectConnection
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Admin;

    public static void Map(IEndpointRouteBuilder connections) => connections.MapDelete("/{name}", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string name, IssueSyncDbContext db, AuthorizeLinks links, TimeProvider time, ILogger<DisconnectConnection> logger,
        CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (connection is null)
        {
            return AdminProblems.NotFound($"No connection named '{name}'.");
        }

        await links.RevokeAsync(connection.Id, cancellationToken);
        connection.Status = ConnectionStatus.Disconnected;
        connection.StatusReason = "Disconnected by an operator.";
        ConnectionGrant.EraseTokens(connection);
        connection.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Connection {ConnectionId} disconnected; its tokens were erased and its authorize links revoked", name);
        return Results.NoContent();
    }
}
