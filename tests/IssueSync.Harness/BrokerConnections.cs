using RabbitMQ.Client;

namespace IssueSync.Harness;

internal static class BrokerConnections
{
    /// <summary>A connection factory that recovers the connection, its channels and consumers after a broker restart.</summary>
    public static ConnectionFactory Factory(Uri uri, string clientName) => new()
    {
        Uri = uri,
        ClientProvidedName = clientName,
        AutomaticRecoveryEnabled = true,
        TopologyRecoveryEnabled = true,
        NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
        RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
    };
}
