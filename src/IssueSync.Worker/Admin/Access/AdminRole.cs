namespace IssueSync.Worker.Admin.Access;

/// <summary>What an admin API key may do; each role includes the ones before it.</summary>
public enum AdminRole
{
    /// <summary>Reads everything: commands, failures, connections, rejected messages, the error queue.</summary>
    Viewer,

    /// <summary>Also retries, edits, discards, fails and resolves commands, publishes them and re-drives the error queue.</summary>
    Operator,

    /// <summary>Also creates, authorizes and disconnects connections and chooses their sites.</summary>
    Admin,
}

/// <summary>The roles as claim values and configuration words.</summary>
public static class AdminRoles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static string Name(AdminRole role) => role switch
    {
        AdminRole.Operator => Operator,
        AdminRole.Admin => Admin,
        _ => Viewer,
    };

    public static bool TryParse(string? text, out AdminRole role)
    {
        role = AdminRole.Viewer;
        switch (text?.Trim().ToLowerInvariant())
        {
            case Viewer:
                return true;
            case Operator:
                role = AdminRole.Operator;
                return true;
            case Admin:
                role = AdminRole.Admin;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The role claims a key of <paramref name="role"/> carries: its own and every role it includes.</summary>
    public static IEnumerable<string> Included(AdminRole role) =>
        Enum.GetValues<AdminRole>().Where(r => r <= role).Select(Name);
}
