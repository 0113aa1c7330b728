namespace IssueSync.Producer;

/// <summary>Where the worker listens.</summary>
public sealed class IssueSyncProducerOptions
{
    /// <summary>The worker's input queue (its <c>IssueSync:InputQueue</c>); commands go to the exchange of that name.</summary>
    public string InputQueue { get; set; } = "create-issue";

    /// <summary>
    /// The RabbitMQ user this service connects as. When set, every command carries it as the AMQP <c>user_id</c>, which
    /// the broker verifies (it refuses a publish whose <c>user_id</c> is not the connection's user); a worker with
    /// <c>Producers:AllowedConnections</c> decides by it which connections this producer may use. Ignored on other transports.
    /// </summary>
    public string? RabbitMqUser { get; set; }
}
