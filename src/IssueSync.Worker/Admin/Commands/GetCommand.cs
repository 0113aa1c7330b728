using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Persistence;

namespace IssueSync.Worker.Admin.Commands;

/// <summary><c>GET /admin/commands/{id}</c>: one command with Jira's per-field errors, the command as received and every attempt.</summary>
public sealed class GetCommand
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Viewer;

    public static void Map(IEndpointRouteBuilder commands) => commands.MapGet("/{id}", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string id, CommandFinder finder, IssueSyncDbContext db, CancellationToken cancellationToken)
    {
        var found = await finder.FindAsync(id, tracking: false, cancellationToken);
        return found.IsOk ? Results.Ok(await CommandViews.DetailAsync(db, found.Value, cancellationToken)) : found.Problem;
    }
}
