using IssueSync.Worker.Persistence;

namespace IssueSync.Worker.Admin.Commands;

/// <summary><c>GET /admin/commands/{id}</c>: one command with Jira's per-field errors, the command as received and every attempt.</summary>
public sealed class GetCommand
{
    public static void Map(IEndpointRouteBuilder commands) => commands.MapGet("/{id}", HandleAsync);

    public static async Task<IResult> HandleAsync(string id, CommandFinder finder, IssueSyncDbContext db, CancellationToken cancellationToken)
    {
        var found = await finder.FindAsync(id, tracking: false, cancellationToken);
        return found.IsOk ? Results.Ok(await CommandViews.DetailAsync(db, found.Value, cancellationToken)) : found.Problem;
    }
}
