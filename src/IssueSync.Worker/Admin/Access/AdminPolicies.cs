using Microsoft.AspNetCore.Authorization;

namespace IssueSync.Worker.Admin.Access;

/// <summary>
/// The authorization policies of the operator surface, one per role, for the admin API (API key in a header) and the
/// console (a session cookie). Every admin slice and console action names the policy it needs.
/// </summary>
public static class AdminPolicies
{
    public const string Viewer = "IssueSync.Viewer";
    public const string Operator = "IssueSync.Operator";
    public const string Admin = "IssueSync.Admin";

    public const string ConsoleViewer = "IssueSync.Console.Viewer";
    public const string ConsoleOperator = "IssueSync.Console.Operator";
    public const string ConsoleAdmin = "IssueSync.Console.Admin";

    /// <summary>The console policy that stands for the same role as an admin API policy.</summary>
    public static string ForConsole(string apiPolicy) => apiPolicy switch
    {
        Operator => ConsoleOperator,
        Admin => ConsoleAdmin,
        _ => ConsoleViewer,
    };

    public static AuthorizationBuilder AddIssueSyncPolicies(this AuthorizationBuilder builder, string apiScheme, string consoleScheme)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (api, console, role) in new[]
        {
            (Viewer, ConsoleViewer, AdminRoles.Viewer),
            (Operator, ConsoleOperator, AdminRoles.Operator),
            (Admin, ConsoleAdmin, AdminRoles.Admin),
        })
        {
            builder.AddPolicy(api, policy => policy.AddAuthenticationSchemes(apiScheme).RequireAuthenticatedUser().RequireRole(role));
            builder.AddPolicy(console, policy => policy.AddAuthenticationSchemes(consoleScheme).RequireAuthenticatedUser().RequireRole(role));
        }

        return builder;
    }
}
