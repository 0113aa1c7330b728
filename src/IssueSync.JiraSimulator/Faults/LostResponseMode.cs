namespace IssueSync.JiraSimulator.Faults;

/// <summary>How a "lost response" shows up to the client after the request took effect.</summary>
public enum LostResponseMode
{
    /// <summary>A 504 Gateway Timeout from the gateway.</summary>
    GatewayTimeout,

    /// <summary>The connection is aborted without a response (<c>HttpContext.Abort()</c>).</summary>
    Abort,
}
