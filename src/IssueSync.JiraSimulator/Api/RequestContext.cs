using IssueSync.JiraSimulator.Auth;
using IssueSync.JiraSimulator.Seed;
using IssueSync.JiraSimulator.State;

namespace IssueSync.JiraSimulator.Api;

/// <summary>An authenticated API request: who, which site, and the base URL for <c>self</c> links.</summary>
internal sealed record RequestContext(
    HttpContext Http,
    SimulatorState State,
    AccessGrant Grant,
    SeedUser User,
    SiteModel? Site,
    string BaseUrl)
{
    public SiteModel RequiredSite => Site ?? throw new InvalidOperationException("This route has no site.");

    /// <summary><c>{base}/ex/jira/{cloudId}/rest/api/3</c>.</summary>
    public string ApiBase => $"{BaseUrl}/ex/jira/{RequiredSite.CloudId}/rest/api/3";

    public DateTimeOffset Now => State.Now;
}
