using System.ComponentModel.DataAnnotations;

namespace IssueSync.Jira;

/// <summary>Settings for talking to Atlassian: OAuth 2.0 (3LO) app credentials and the two base URLs.</summary>
/// <remarks>The client secret comes from an environment variable or a Kubernetes Secret, never from appsettings.</remarks>
public sealed class AtlassianOptions
{
    /// <summary>The configuration section bound by <c>AddAtlassianJira</c>.</summary>
    public const string SectionName = "Atlassian";

    /// <summary>Scopes the app asks for unless configured otherwise.</summary>
    public const string DefaultScopes = "read:jira-work write:jira-work read:jira-user read:me offline_access";

    /// <summary>Authorization server (authorize and token endpoints). Overridable to run against a simulator.</summary>
    [Required]
    public Uri AuthBaseUrl { get; set; } = new("https://auth.atlassian.com");

    /// <summary>API gateway (accessible-resources and <c>/ex/jira/{cloudId}</c>). Overridable to run against a simulator.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://api.atlassian.com");

    /// <summary>The OAuth 2.0 (3LO) app's client id.</summary>
    [Required]
    public string ClientId { get; set; } = "";

    /// <summary>The OAuth 2.0 (3LO) app's client secret.</summary>
    [Required]
    public string ClientSecret { get; set; } = "";

    /// <summary>The callback URL configured on the app; must match exactly.</summary>
    [Required]
    public Uri? RedirectUri { get; set; }

    /// <summary>
    /// Space-separated scopes; must include <c>offline_access</c> (or Atlassian issues no refresh token) and <c>read:me</c>
    /// (the account that consented is read from <c>/me</c> and the grant bound to it).
    /// </summary>
    [Required]
    public string Scopes { get; set; } = DefaultScopes;

    /// <summary>How long one HTTP request (send and read) may take before it is abandoned.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Page size for the createmeta endpoints (Jira allows at most 200).</summary>
    [Range(1, 200)]
    public int CreateMetaPageSize { get; set; } = 50;
}
