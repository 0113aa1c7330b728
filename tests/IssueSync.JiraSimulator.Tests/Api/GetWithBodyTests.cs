using System.Net.Http.Headers;
using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Api;

/// <summary>Atlassian's CloudFront refuses a GET carrying a body with an HTML 400 (docs/atlassian-api.md §4.3).</summary>
public sealed class GetWithBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task AssertCloudFrontPageAsync(HttpResponseMessage response)
    {
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.True((int)response.StatusCode == 400, $"Expected 400, got {(int)response.StatusCode}: {page}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<TITLE>ERROR: The request could not be satisfied</TITLE>", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("issue/createmeta/OPS/issuetypes")]
    [InlineData("search/jql?jql=project%20%3D%20OPS")]
    [InlineData("myself")]
    public async Task A_GET_with_a_body_to_the_API_is_an_HTML_400(string path)
    {
        await using var sim = await TestSimulator.StartAsync();
        var tokens = await sim.ConnectAsync();
        using var response = await sim.ApiAsync(HttpMethod.Get, path, tokens.AccessToken, new { jql = "project = OPS" });
        await AssertCloudFrontPageAsync(response);

        using var withoutBody = await sim.GetAsync(path, tokens.AccessToken);
        await withoutBody.AssertStatusAsync(200);
    }

    [Fact]
    public async Task It_comes_before_authentication_and_also_on_accessible_resources_and_authorize()
    {
        await using var sim = await TestSimulator.StartAsync();
        using (var unauthenticated = new HttpRequestMessage(HttpMethod.Get, "oauth/token/accessible-resources"))
        {
            unauthenticated.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "garbage");
            unauthenticated.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            using var response = await sim.Http.SendAsync(unauthenticated, Ct);
            await AssertCloudFrontPageAsync(response);
        }

        using var authorize = new HttpRequestMessage(HttpMethod.Get, TestSimulator.AuthorizeQuery())
        {
            Content = new StringContent("x=1", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        using var consent = await sim.Http.SendAsync(authorize, Ct);
        await AssertCloudFrontPageAsync(consent);
        var stats = await sim.Host.Admin.GetStatsAsync(Ct);
        Assert.Equal(0, stats.AuthorizationsGranted);
        Assert.Equal(1, stats.Requests["authorize"]["400"]);
        Assert.Equal(1, stats.Requests["accessible-resources"]["400"]);
    }
}
