using IssueSync.Jira;
using IssueSync.Worker.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace IssueSync.Worker.Tests.Hosting;

/// <summary>Outside Development the client secret, codes and tokens never travel over plain http to a remote host.</summary>
public sealed class AtlassianTransportTests
{
    [Fact]
    public void Plain_http_to_a_remote_host_is_refused_outside_development_naming_each_setting()
    {
        var result = Validate(Environments.Production, new Uri("http://auth.example.com"), new Uri("http://api.example.com"), new Uri("http://issuesync.example.com/oauth/callback"));

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Atlassian:AuthBaseUrl is http://", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Atlassian:ApiBaseUrl is http://", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Atlassian:RedirectUri is http://", StringComparison.Ordinal));
    }

    [Fact]
    public void Https_loopback_and_development_are_accepted()
    {
        Assert.True(Validate(Environments.Production, new Uri("https://auth.atlassian.com"), new Uri("https://api.atlassian.com"), new Uri("https://issuesync.example.com/oauth/callback")).Succeeded);
        Assert.True(Validate(Environments.Production, new Uri("http://127.0.0.1:5090"), new Uri("http://127.0.0.1:5090"), new Uri("http://localhost:5080/oauth/callback")).Succeeded);
        Assert.True(Validate(Environments.Development, new Uri("http://jira-simulator:8080"), new Uri("http://jira-simulator:8080"), new Uri("http://worker:8080/oauth/callback")).Succeeded);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string environment, Uri auth, Uri api, Uri redirect) =>
        new AtlassianTransportValidator(new HostingEnvironment { EnvironmentName = environment })
            .Validate(null, new AtlassianOptions { AuthBaseUrl = auth, ApiBaseUrl = api, RedirectUri = redirect, ClientId = "c", ClientSecret = "s" });
}
