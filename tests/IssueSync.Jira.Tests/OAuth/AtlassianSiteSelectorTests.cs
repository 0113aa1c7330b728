using IssueSync.Jira.OAuth;

namespace IssueSync.Jira.Tests.OAuth;

public sealed class AtlassianSiteSelectorTests
{
    private static readonly AccessibleResource Alpha = new("11111111-aaaa", "Alpha", "https://alpha.atlassian.net", ["read:jira-work"], null);
    private static readonly AccessibleResource Beta = new("22222222-bbbb", "Beta", "https://beta.atlassian.net", ["read:jira-work", "write:jira-work"], null);
    private static readonly IReadOnlyList<AccessibleResource> Sites = [Alpha, Beta];

    [Fact]
    public void Select_by_cloud_id_returns_that_site()
    {
        var result = AtlassianSiteSelector.Select(Sites, "22222222-bbbb");

        Assert.True(result.IsSuccess);
        Assert.Same(Beta, result.Site);
    }

    [Theory]
    [InlineData("https://beta.atlassian.net")]
    [InlineData("https://beta.atlassian.net/")]
    [InlineData("HTTPS://Beta.Atlassian.NET")]
    [InlineData("beta.atlassian.net")]
    [InlineData("  beta.atlassian.net/  ")]
    [InlineData("http://beta.atlassian.net")]
    public void Select_by_url_variant_returns_that_site(string url)
    {
        var result = AtlassianSiteSelector.Select(Sites, url);

        Assert.True(result.IsSuccess);
        Assert.Same(Beta, result.Site);
    }

    [Fact]
    public void Select_unknown_site_lists_every_reachable_site_and_picks_none()
    {
        var result = AtlassianSiteSelector.Select(Sites, "https://gamma.atlassian.net");

        Assert.False(result.IsSuccess);
        Assert.Null(result.Site);
        Assert.Contains("gamma.atlassian.net", result.Error);
        Assert.Contains("Alpha (https://alpha.atlassian.net, id 11111111-aaaa)", result.Error);
        Assert.Contains("Beta (https://beta.atlassian.net, id 22222222-bbbb)", result.Error);
    }

    [Fact]
    public void Select_empty_choice_never_takes_the_first_site()
    {
        var result = AtlassianSiteSelector.Select(Sites, " ");

        Assert.False(result.IsSuccess);
        Assert.Contains("Alpha", result.Error);
        Assert.Contains("Beta", result.Error);
    }

    [Fact]
    public void Select_with_no_sites_says_so()
    {
        var result = AtlassianSiteSelector.Select([], "alpha.atlassian.net");

        Assert.False(result.IsSuccess);
        Assert.Contains("no sites", result.Error);
    }

    [Fact]
    public void Select_duplicate_id_prefers_the_container_with_jira_scopes()
    {
        var confluence = new AccessibleResource("33333333-cccc", "Gamma", "https://gamma.atlassian.net", ["read:confluence-content.all"], null);
        var jira = new AccessibleResource("33333333-cccc", "Gamma", "https://gamma.atlassian.net", ["read:jira-work"], null);

        var result = AtlassianSiteSelector.Select([confluence, jira], "33333333-cccc");

        Assert.Same(jira, result.Site);
    }
}
