namespace IssueSync.Jira.Http;

/// <summary>The outcome of sending one request: a reply, or a transport failure.</summary>
internal sealed record HttpExchange(HttpReply? Reply, TransportFailure? Failure);
