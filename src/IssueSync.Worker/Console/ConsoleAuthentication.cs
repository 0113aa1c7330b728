using IssueSync.Worker.Admin;
using IssueSync.Worker.Admin.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Console;

/// <summary>
/// The console's session: signing in with an admin key gives a cookie (HttpOnly, SameSite=Strict, Secure over HTTPS,
/// sliding idle timeout <c>Admin:ConsoleIdleTimeout</c>, path /console). The cookie holds the key's name, role and a
/// short digest of the key, never the key; every request checks that the key still exists with that value, so a key
/// removed or changed in configuration ends its sessions.
/// </summary>
public static class ConsoleAuthentication
{
    public const string SchemeName = "IssueSyncConsole";
    public const string CookieName = "issuesync-console";
    public const string BasePath = "/console";

    public static AuthenticationBuilder AddIssueSyncConsoleCookie(this AuthenticationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CookieAuthenticationOptions>(SchemeName).Configure<IOptions<AdminOptions>>((cookie, admin) =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.Path = BasePath;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = admin.Value.ConsoleIdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = BasePath + "/sign-in";
            cookie.LogoutPath = BasePath + "/sign-out";
            cookie.AccessDeniedPath = BasePath + "/denied";
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Events.OnValidatePrincipal = ValidateAsync;
            // The console's live refresh is not activity: it must not keep an idle session alive.
            cookie.Events.OnCheckSlidingExpiration = context =>
            {
                context.ShouldRenew &= !IsLiveRefresh(context.HttpContext.Request);
                return Task.CompletedTask;
            };
        });
        return builder.AddCookie(SchemeName);
    }

    /// <summary>The header console.js sends with its background refreshes.</summary>
    public const string LiveRefreshHeader = "X-IssueSync-Refresh";

    public static bool IsLiveRefresh(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.ContainsKey(LiveRefreshHeader);
    }

    /// <summary>The principal of a session for <paramref name="key"/>, signed in with <paramref name="presented"/>.</summary>
    public static System.Security.Claims.ClaimsPrincipal Principal(AdminKey key, string presented)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Principal(SchemeName, AdminKeyRing.Digest(presented));
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var digest = context.Principal?.FindFirst(AdminKey.DigestClaim)?.Value;
        var ring = context.HttpContext.RequestServices.GetRequiredService<AdminKeyRing>();
        if (name is null || digest is null || ring.FindByName(name, digest) is not { } key)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SchemeName);
            return;
        }

        // The role follows configuration: a key demoted to viewer acts as a viewer from its next request.
        if (AdminKey.RoleOf(context.Principal!) != AdminRoles.Name(key.Role))
        {
            context.ReplacePrincipal(key.Principal(SchemeName, digest));
            context.ShouldRenew = true;
        }
    }
}
