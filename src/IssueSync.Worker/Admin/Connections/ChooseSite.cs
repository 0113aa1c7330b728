using IssueSync.Admin.Contracts;
using IssueSync.Jira.OAuth;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
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

        Apply(connection, ConnectionViewer.Site(selection.Site));
        connection.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Results.Ok(await viewer.ViewAsync(connection, cancellationToken));
    }

    /// <summary>Makes <paramref name="site"/> the connection's site; with tokens present it is active again (its parked commands resume by themselves).</summary>
    public static void Apply(JiraConnection connection, SiteView site)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(site);
        connection.CloudId = site.Id;
        connection.SiteName = site.Name;
        connection.SiteUrl = site.Url;
        if (connection.ProtectedRefreshToken is not null)
        {
            connection.Status = ConnectionStatus.Active;
            connection.StatusReason = null;
        }
    }
}
