using System.Text.Json;
using IssueSync.Jira.OAuth;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Ledger;

namespace IssueSync.Worker.Connections;

/// <summary>The Jira sites a connection can reach, as stored at its last discovery (<see cref="JiraConnection.AvailableSitesJson"/>).</summary>
public static class ConnectionSites
{
    public static List<AccessibleResource> Read(JiraConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return string.IsNullOrEmpty(connection.AvailableSitesJson)
            ? []
            : JsonSerializer.Deserialize<List<AccessibleResource>>(connection.AvailableSitesJson, CommandLedger.CommandJson) ?? [];
    }

    public static void Write(JiraConnection connection, IReadOnlyList<AccessibleResource> sites)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.AvailableSitesJson = JsonSerializer.Serialize(sites, CommandLedger.CommandJson);
    }
}
