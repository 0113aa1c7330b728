using System.Text.RegularExpressions;
using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Admin.Audit;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Connections;

/// <summary>
/// <c>POST /admin/connections {"name"}</c>: a new connection waiting for its user's consent; the answer carries the
/// authorize URL to open. 409 when the name is taken.
/// </summary>
public sealed partial class CreateConnection
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Admin;

    public static void Map(IEndpointRouteBuilder connections) => connections.MapPost("", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(NewConnectionRequest body, IssueSyncDbContext db, AuthorizeLinks links, ConnectionViewer viewer, TimeProvider time,
        AdminAudit audit, ILogger<CreateConnection> logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var name = body.Name;
        audit.Target(name ?? "");
        if (string.IsNullOrWhiteSpace(name) || name.Length > JiraConnection.MaxNameLength || !NamePattern().IsMatch(name))
        {
            return AdminProblems.Invalid("name", $"A connection name is 1 to {JiraConnection.MaxNameLength} letters, digits, '.', '_' or '-'.");
        }

        if (await db.Connections.AnyAsync(c => c.Name == name, cancellationToken))
        {
            return AdminProblems.Conflict($"A connection named '{name}' exists already; use POST /admin/connections/{name}/authorize to reconnect it.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var connection = new JiraConnection { Id = Guid.NewGuid(), Name = name, Status = ConnectionStatus.AwaitingAuthorization, CreatedAt = now, UpdatedAt = now };
        db.Connections.Add(connection);
        var link = await links.NewAsync(connection, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Connection {ConnectionId} created; waiting for the user's consent", name);
        return Results.Created($"/admin/connections/{name}",
            new CreatedConnectionView(await viewer.ViewAsync(connection, cancellationToken), link.AuthorizeUrl, link.ExpiresAt));
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
