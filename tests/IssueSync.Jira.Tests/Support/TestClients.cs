using IssueSync.Jira.OAuth;
using IssueSync.Jira.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IssueSync.Jira.Tests.Support;

internal static class TestClients
{
    public const string ClientId = "client-id-abc";
    public const string ClientSecret = "client-secret-SHOULD-NOT-LEAK";
    public const string CloudId = "1324a887-45db-1bf4-1e99-ef0ff456d421";
    public const string AccessToken = "access-token-SHOULD-NOT-LEAK";

    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static AtlassianOptions Options(Action<AtlassianOptions>? configure = null)
    {
        var options = new AtlassianOptions
        {
            AuthBaseUrl = new Uri("https://auth.example.test/"),
            ApiBaseUrl = new Uri("https://api.example.test"),
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            RedirectUri = new Uri("https://issuesync.example.test/oauth/callback"),
        };
        configure?.Invoke(options);
        return options;
    }

    public static FakeTimeProvider Time() => new(Now);

    public static AtlassianOAuthClient OAuth(
        FakeHttpHandler handler, TimeProvider? time = null, Action<AtlassianOptions>? configure = null, ILogger<AtlassianOAuthClient>? logger = null) =>
        new(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, Microsoft.Extensions.Options.Options.Create(Options(configure)), time ?? Time(),
            logger ?? NullLogger<AtlassianOAuthClient>.Instance);

    public static JiraCloudClient Jira(
        FakeHttpHandler handler, TimeProvider? time = null, Action<AtlassianOptions>? configure = null, ILogger<JiraCloudClient>? logger = null) =>
        new(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, Microsoft.Extensions.Options.Options.Create(Options(configure)), time ?? Time(),
            logger ?? NullLogger<JiraCloudClient>.Instance);

    public static JiraRequestContext Context { get; } = new(CloudId, AccessToken);
}
