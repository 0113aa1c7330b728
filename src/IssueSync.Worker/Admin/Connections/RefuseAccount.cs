using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Connections;

/// <summary>
/// <c>POST /admin/connections/{name}/account/refuse</c>: refuses the account that reconnected a connection. Its tokens are
/// erased, its outstanding authorize links revoked, and the connection waits for the bound account to consent again.
/// </summary>
public sealed class RefuseAccount
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Admin;

    public static void Map(IEndpointRouteBuilder connections) => connections.MapPost("/{name}/account/refuse", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string name, IssueSyncDbContext db, AuthorizeLinks links, ConnectionViewer viewer, TimeProvider time,
        ILogger<RefuseAccount> logger, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (connection is null)
        {
            return AdminProblems.NotFound($"No connection named '{name}'.");
        }

        if (connection.PendingAtlassianAccountId is null)
        {
            return AdminProblems.Conflict($"Connection '{name}' holds no reconnect by another account.");
        }

        var refused = connection.PendingAtlassianAccountId;
        await links.RevokeAsync(connection.Id, cancellationToken);
        ConnectionGrant.Refuse(connection, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Connection {ConnectionId}: the reconnect by account {AccountId} was refused by an operator; its tokens were erased", name, refused);
        return Results.Ok(await viewer.ViewAsync(connection, cancellationToken));
    }
}
