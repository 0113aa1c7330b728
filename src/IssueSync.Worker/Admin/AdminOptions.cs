namespace IssueSync.Worker.Admin;

/// <summary>The admin API and the OAuth connect flow. Section <c>Admin</c>.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>
    /// Named keys accepted in the <c>X-Api-Key</c> header and by the console's sign-in, each with a role
    /// (<c>Admin:Keys:ops:Key</c>, <c>Admin:Keys:ops:Role</c> = viewer, operator or admin). The name is what logs and
    /// the audit trail show; the key comes from a secret, never from committed files.
    /// </summary>
    public IDictionary<string, AdminKeyOptions> Keys { get; } = new Dictionary<string, AdminKeyOptions>(StringComparer.Ordinal);

    /// <summary>Unnamed keys from before keys had names (<c>ADMIN__APIKEYS__0</c>): each has the admin role and is named <c>ApiKeys:0</c>, ….</summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>How long an OAuth <c>state</c> (and so an authorize link) stays usable.</summary>
    public TimeSpan OAuthStateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a console session lasts without a request (sliding).</summary>
    public TimeSpan ConsoleIdleTimeout { get; set; } = TimeSpan.FromMinutes(20);
}

/// <summary>One named admin API key.</summary>
public sealed class AdminKeyOptions
{
    public string? Key { get; set; }

    /// <summary><c>viewer</c> (reads everything), <c>operator</c> (also acts on commands and messages) or <c>admin</c> (also connections and keys).</summary>
    public string? Role { get; set; }
}
