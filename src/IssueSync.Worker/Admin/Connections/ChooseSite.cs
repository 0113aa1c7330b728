using IssueSync.Admin.Contracts;
using IssueSync.Jira.OAuth;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Connections;

/// <summary>
/// <c>PUT /admin/connections/{name}/site {"site"}</c>: the Jira site (cloud id or site URL) of a connection whose account
/// reaches several. Never the first site by default; 400 lists the reachable ones.
/// </summary>
public sealed class ChooseSite
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Admin;

    public static void Map(IEndpointRouteBuilder connections) => connections.MapPut("/{name}/site", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string name, ChooseSiteRequest body, IssueSyncDbContext db, ConnectionViewer viewer, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (connection is null)
        {
            return AdminProblems.NotFound($"No connection named '{name}'.");
        }

        if (string.IsNullOrWhiteSpace(body.Site))
        {
            return AdminProblems.Invalid("site", "Give the site as a cloud id or a site URL.");
        }

        var selection = AtlassianSiteSelector.Select(ConnectionSites.Read(connection), body.Site);
        if (!selection.IsSuccess)
        {
            return AdminProblems.Invalid("site", selection.Error!);
        }

        ConnectionGrant.ChooseSite(connection, ConnectionGrant.Site(selection.Site));
        connection.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Results.Ok(await viewer.ViewAsync(connection, cancellationToken));
    }
}
