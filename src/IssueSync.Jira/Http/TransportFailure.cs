namespace IssueSync.Jira.Http;

/// <summary>Why no response arrived.</summary>
internal enum TransportFailureKind
{
    /// <summary>The per-request timeout elapsed; the server may or may not have acted.</summary>
    Timeout,

    /// <summary>The connection could not be opened (DNS, refused, TLS): the request was never sent.</summary>
    NotSent,

    /// <summary>The connection broke after the request may have been sent.</summary>
    Interrupted,
}

/// <summary>A request that got no response, with a message safe to log (no URL query, no body, no token).</summary>
internal sealed record TransportFailure(TransportFailureKind Kind, string Message);
