using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Admin.Audit;
using IssueSync.Worker.Admin.Commands;
using IssueSync.Worker.Admin.Connections;
using IssueSync.Worker.Admin.Messages;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The admin API (docs/admin-api.md) and the public OAuth callback. Each use case is a slice of its own — its route and
/// its handler and the policy (role) it needs in one file under Admin/Commands, Admin/Connections and Admin/Messages; this is
/// the table of contents. Every call needs at least a viewer key; every state-changing call is audited (<see cref="AuditFilter"/>).
/// </summary>
public static class AdminApi
{
    public static WebApplication MapIssueSyncAdmin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        CompleteAuthorization.Map(app);

        var admin = app.MapOperatorGroup("/admin").RequireAuthorization(AdminPolicies.Viewer).AddEndpointFilter<AuditFilter>();

        var connections = admin.MapGroup("/connections");
        CreateConnection.Map(connections);
        ListConnections.Map(connections);
        GetConnection.Map(connections);
        AuthorizeConnection.Map(connections);
        ChooseSite.Map(connections);
        ConfirmAccount.Map(connections);
        RefuseAccount.Map(connections);
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
