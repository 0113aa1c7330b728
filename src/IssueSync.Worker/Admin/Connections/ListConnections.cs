using IssueSync.Worker.Admin.Access;

namespace IssueSync.Worker.Admin.Connections;

/// <summary><c>GET /admin/connections</c>: every connection, by name.</summary>
public sealed class ListConnections
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Viewer;

    public static void Map(IEndpointRouteBuilder connections) => connections.MapGet("", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(ConnectionViewer viewer, CancellationToken cancellationToken) =>
        Results.Ok(await viewer.ListAsync(cancellationToken));
}
