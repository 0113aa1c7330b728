namespace IssueSync.Jira.Rest;

/// <summary>Which site to call and with which access token.</summary>
/// <param name="CloudId">The site's cloud id (from accessible-resources).</param>
/// <param name="AccessToken">A bearer token for the user.</param>
public sealed record JiraRequestContext(string CloudId, string AccessToken)
{
    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"JiraRequestContext {{ CloudId = {CloudId} }}";
}
