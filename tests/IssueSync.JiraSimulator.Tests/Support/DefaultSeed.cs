namespace IssueSync.JiraSimulator.Tests.Support;

/// <summary>Ids of the embedded default seed.</summary>
public static class DefaultSeed
{
    public const string ClientId = "issuesync-demo-client";
    public const string ClientSecret = "issuesync-demo-secret";
    public const string Redirect = "http://localhost:5080/oauth/callback";
    public const string AccountId = "5b10ac8d82e05b22cc7d4ef5";

    /// <summary>The second user of acme: may create in OPS without <c>priority</c> on the screen, may not browse TEAM.</summary>
    public const string LimitedAccountId = "712020:4f9b2c6e-8a1d-4e3b-9c5f-2d7a0b6e1f38";
    public const string Acme = "8a4c2f10-3b5e-4d7a-9f61-0c2d3e4f5a61";
    public const string AcmeLabs = "c71e9d32-5a4b-4c8e-8b27-6f1a2b3c4d52";
    public const string Bug = "10004";
    public const string Task = "10002";
    public const string Story = "10001";
    public const string TeamTask = "10100";
    public const string TeamBug = "10101";
    public const string Severity = "customfield_10050";
    public const string RootCause = "customfield_10060";
    public const string Scopes = "read:jira-work write:jira-work read:jira-user offline_access";
}
