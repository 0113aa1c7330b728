using IssueSync.Worker.Diagnostics;

namespace IssueSync.Worker.Tests.Diagnostics;

public sealed class JiraRequestMetricsHandlerTests
{
    [Theory]
    [InlineData("POST", "/oauth/token", "token")]
    [InlineData("GET", "/oauth/token/accessible-resources", "accessible-resources")]
    [InlineData("GET", "/ex/jira/8a4c2f10/rest/api/3/issue/createmeta/OPS/issuetypes", "createmeta-issuetypes")]
    [InlineData("GET", "/ex/jira/8a4c2f10/rest/api/3/issue/createmeta/OPS/issuetypes/10004", "createmeta-fields")]
    [InlineData("POST", "/ex/jira/8a4c2f10/rest/api/3/issue", "create-issue")]
    [InlineData("POST", "/ex/jira/8a4c2f10/rest/api/3/search/jql", "search-jql")]
    [InlineData("GET", "/ex/jira/8a4c2f10/rest/api/3/issue", "other")]
    [InlineData("GET", "/ex/jira/8a4c2f10/rest/api/3/myself", "other")]
    public void Endpoint_names_carry_no_ids(string method, string path, string expected) =>
        Assert.Equal(expected, JiraRequestMetricsHandler.Endpoint(new HttpMethod(method), path));
}
