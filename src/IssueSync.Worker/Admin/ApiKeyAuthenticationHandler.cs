using System.Text.Encodings.Web;
using IssueSync.Worker.Admin.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Admin;

/// <summary>
/// Authenticates admin calls by the <c>X-Api-Key</c> header against the configured keys (<see cref="AdminKeyRing"/>).
/// The principal is named after the key and carries its role claims. A refused key is logged as "unknown key", a
/// call the key's role does not allow with the key's name; the key itself never appears.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = values[0]!;
        if (keys.Find(presented) is not { } key)
        {
            LogUnknownKey(Logger, Request.Method, Request.Path.Value ?? "", Context.Connection.RemoteIpAddress?.ToString());
            return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
        }

        var principal = key.Principal(SchemeName, AdminKeyRing.Digest(presented));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Response.WriteAsJsonAsync(new
        {
            title = "Unauthorized",
            status = 401,
            detail = $"Send a valid admin API key in the {HeaderName} header.",
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var name = Context.User.Identity?.Name ?? "unknown key";
        var role = AdminKey.RoleOf(Context.User) ?? "none";
        var needed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
            .Select(a => a.Policy).LastOrDefault(p => p is not null) ?? AdminPolicies.Viewer;
        LogForbidden(Logger, name, role, Request.Method, Request.Path.Value ?? "", needed);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(new
        {
            title = "Forbidden",
            status = 403,
            detail = $"The key '{name}' has the {role} role; {Request.Method} {Request.Path} needs {RoleOf(needed)}.",
        });
    }

    private static string RoleOf(string policy) => policy switch
    {
        AdminPolicies.Admin or AdminPolicies.ConsoleAdmin => "the admin role",
        AdminPolicies.Operator or AdminPolicies.ConsoleOperator => "the operator or admin role",
        _ => "a viewer, operator or admin key",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin API call {Method} {Path} from {RemoteAddress} refused: unknown key")]
    private static partial void LogUnknownKey(ILogger logger, string method, string path, string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin API key {KeyName} ({Role}) refused {Method} {Path}: it needs {Policy}")]
    private static partial void LogForbidden(ILogger logger, string keyName, string role, string method, string path, string policy);
}
