namespace IssueSync.Worker.Admin;

/// <summary>The admin API and the OAuth connect flow. Section <c>Admin</c>.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Keys accepted in the <c>X-Api-Key</c> header. Set from a secret (<c>ADMIN__APIKEYS__0</c>), never in committed files.</summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>How long an OAuth <c>state</c> (and so an authorize link) stays usable.</summary>
    public TimeSpan OAuthStateLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
