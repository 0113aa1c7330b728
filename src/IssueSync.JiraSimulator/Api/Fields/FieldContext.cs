using IssueSync.JiraSimulator.Seed;
using IssueSync.JiraSimulator.State;

namespace IssueSync.JiraSimulator.Api.Fields;

/// <summary>What a field validator may look at: the request (user, site, base URL), the project and the field.</summary>
internal sealed record FieldContext(RequestContext Request, SeedProject Project, FieldDefinition Field)
{
    public SiteModel Site => Request.RequiredSite;

    public string ApiBase => Request.ApiBase;
}
