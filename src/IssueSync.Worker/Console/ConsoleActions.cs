using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Admin.Audit;
using Microsoft.AspNetCore.Authorization;

namespace IssueSync.Worker.Console;

/// <summary>
/// Runs an admin slice for a console page: the signed-in key must have the role the slice's policy names, and the
/// call goes through the same audit trail as the admin API (surface <c>console</c>). The state rules stay in the slices.
/// </summary>
public sealed partial class ConsoleActions(IHttpContextAccessor http, IAuthorizationService authorization, AdminAudit audit, ILogger<ConsoleActions> logger)
{
    /// <summary>Whether the signed-in key may call a slice whose policy is <paramref name="apiPolicy"/> (to enable its buttons).</summary>
    public async Task<bool> MayAsync(string apiPolicy) =>
        (await authorization.AuthorizeAsync(User, AdminPolicies.ForConsole(apiPolicy))).Succeeded;

    /// <summary>Calls <paramref name="slice"/> (a slice's handler) as <paramref name="action"/> on <paramref name="target"/>, or refuses it.</summary>
    public async Task<SliceAnswer> RunAsync(string apiPolicy, string action, string? target, Func<AdminAudit, Task<IResult>> slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        if (!await MayAsync(apiPolicy))
        {
            var name = User.Identity?.Name ?? "unknown key";
            var role = AdminKey.RoleOf(User) ?? "none";
            LogRefused(logger, name, role, action, target);
            return SliceAnswer.Forbidden($"The key '{name}' has the {role} role; {action} needs the {(apiPolicy == AdminPolicies.Admin ? "admin" : "operator or admin")} role.");
        }

        return SliceAnswer.Of(await audit.RunAsync(User, action, target, AdminAudit.ConsoleSurface, () => slice(audit)));
    }

    private System.Security.Claims.ClaimsPrincipal User => http.HttpContext?.User ?? new System.Security.Claims.ClaimsPrincipal();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console key {KeyName} ({Role}) refused {Action} {Target}: its role does not allow it")]
    private static partial void LogRefused(ILogger logger, string keyName, string role, string action, string? target);
}
