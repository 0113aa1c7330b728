using IssueSync.Worker.Admin.Commands;
using IssueSync.Worker.Admin.Connections;
using IssueSync.Worker.Admin.Messages;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The admin API (docs/admin-api.md) and the public OAuth callback. Each use case is a slice of its own — its route and
/// its handler in one file under Admin/Commands, Admin/Connections and Admin/Messages; this is the table of contents.
/// </summary>
public static class AdminApi
{
    public const string PolicyName = "IssueSyncAdmin";

    public static WebApplication MapIssueSyncAdmin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        CompleteAuthorization.Map(app);

        var admin = app.MapOperatorGroup("/admin").RequireAuthorization(PolicyName);

        var connections = admin.MapGroup("/connections");
        CreateConnection.Map(connections);
        ListConnections.Map(connections);
        GetConnection.Map(connections);
        AuthorizeConnection.Map(connections);
        ChooseSite.Map(connections);
        DisconnectConnection.Map(connections);

        var commands = admin.MapGroup("/commands");
        PublishCommands.Map(commands);
        ListCommands.Map(commands);
        GetCommand.Map(commands);
        RetryCommand.Map(commands);
        RetryCommands.Map(commands);
        EditCommand.Map(commands);
        DiscardCommand.Map(commands);
        FailCommand.Map(commands);
        ResolveCommand.Map(commands);
        ListFailures.Map(admin);

        ListRejected.Map(admin);
        ListErrorQueueMessages.Map(admin);
        RedriveErrorQueueMessages.Map(admin);
        return app;
    }
}
