namespace IssueSync.Worker.Admin.Connections;

/// <summary><c>GET /admin/connections</c>: every connection, by name.</summary>
public sealed class ListConnections
{
    public static void Map(IEndpointRouteBuilder connections) => connections.MapGet("", HandleAsync);

    public static async Task<IResult> HandleAsync(ConnectionViewer viewer, CancellationToken cancellationToken) =>
        Results.Ok(await viewer.ListAsync(cancellationToken));
}
