using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Connections;

/// <summary>
/// <c>POST /admin/connections/{name}/account/confirm {"accountId"}</c>: binds a connection to the account that reconnected
/// it, which must be the one held (409 otherwise). The site is kept only if that account reaches it; parked commands
/// resume once the connection is active.
/// </summary>
public sealed class ConfirmAccount
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Admin;

    public static void Map(IEndpointRouteBuilder connections) => connections.MapPost("/{name}/account/confirm", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string name, ConfirmAccountRequest body, IssueSyncDbContext db, ConnectionViewer viewer, TimeProvider time,
        ILogger<ConfirmAccount> logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (connection is null)
        {
            return AdminProblems.NotFound($"No connection named '{name}'.");
        }

        if (string.IsNullOrWhiteSpace(body.AccountId))
        {
            return AdminProblems.Invalid("accountId", "Give the account id of the account being confirmed (pendingAccountId of the connection).");
        }

        if (connection.PendingAtlassianAccountId is null)
        {
            return AdminProblems.Conflict($"Connection '{name}' holds no reconnect by another account.");
        }

        if (!string.Equals(connection.PendingAtlassianAccountId, body.AccountId, StringComparison.Ordinal))
        {
            return AdminProblems.Conflict($"Connection '{name}' holds a reconnect by account {connection.PendingAtlassianAccountId}, not {body.AccountId}: look at it again before confirming.");
        }

        var previous = connection.AtlassianAccountId;
        ConnectionGrant.Confirm(connection, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Connection {ConnectionId} is now bound to account {AccountId} (was {PreviousAccountId}), confirmed by an operator; status {Status}",
            name, connection.AtlassianAccountId, previous, connection.Status);
        return Results.Ok(await viewer.ViewAsync(connection, cancellationToken));
    }
}
