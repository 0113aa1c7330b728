using IssueSync.Worker.Admin;
using IssueSync.Worker.Admin.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Console.Pages;

/// <summary>The key becomes a session cookie; a wrong key is logged as "unknown key", never the key.</summary>
public sealed partial class SignInModel(AdminKeyRing keys, IOptions<AdminOptions> options, ILogger<SignInModel> logger) : PageModel
{
    public string? Problem { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public int IdleMinutes => (int)options.Value.ConsoleIdleTimeout.TotalMinutes;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? key)
    {
        if (string.IsNullOrEmpty(key) || keys.Find(key) is not { } found)
        {
            LogUnknownKey(logger, HttpContext.Connection.RemoteIpAddress?.ToString());
            Problem = "That is not a key of this worker.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(ConsoleAuthentication.SchemeName, ConsoleAuthentication.Principal(found, key),
            new AuthenticationProperties { IsPersistent = false });
        LogSignedIn(logger, found.Name, AdminRoles.Name(found.Role));
        return LocalRedirect(ReturnUrl is { Length: > 0 } back && Url.IsLocalUrl(back) && back.StartsWith(ConsoleAuthentication.BasePath, StringComparison.Ordinal)
            ? back
            : ConsoleAuthentication.BasePath);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in from {RemoteAddress} refused: unknown key")]
    private static partial void LogUnknownKey(ILogger logger, string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in: {KeyName} ({Role})")]
    private static partial void LogSignedIn(ILogger logger, string keyName, string role);
}
