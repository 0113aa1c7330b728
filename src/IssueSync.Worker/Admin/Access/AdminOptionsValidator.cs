using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Admin.Access;

/// <summary>
/// Checks the admin keys at start: a known role each, no key given twice, and outside Development at least
/// <see cref="MinProductionKeyLength"/> characters and never the development key that docker-compose.yml ships.
/// The failures name the setting, never the key.
/// </summary>
public sealed class AdminOptionsValidator(IHostEnvironment environment) : IValidateOptions<AdminOptions>
{
    /// <summary>The key docker-compose.yml uses when ISSUESYNC_ADMIN_API_KEY is not set. Refused outside Development.</summary>
    public const string DevelopmentKey = "issuesync-dev-only-admin-key";

    public const int MinProductionKeyLength = 32;

    public const int MinDevelopmentKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.OAuthStateLifetime <= TimeSpan.Zero || options.OAuthStateLifetime > TimeSpan.FromHours(1))
        {
            failures.Add("Admin:OAuthStateLifetime must be between 0 and 1 hour.");
        }

        if (options.ConsoleIdleTimeout < TimeSpan.FromMinutes(1) || options.ConsoleIdleTimeout > TimeSpan.FromHours(8))
        {
            failures.Add("Admin:ConsoleIdleTimeout must be between 1 minute and 8 hours.");
        }

        foreach (var (keyName, key) in options.Keys)
        {
            if (!AdminRoles.TryParse(key.Role, out _))
            {
                failures.Add($"Admin:Keys:{keyName}:Role must be {AdminRoles.Viewer}, {AdminRoles.Operator} or {AdminRoles.Admin}, not '{key.Role}'.");
            }
        }

        var production = !environment.IsDevelopment();
        var minimum = production ? MinProductionKeyLength : MinDevelopmentKeyLength;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (setting, value, _) in AdminKeyRing.Configured(options))
        {
            if (production && string.Equals(value, DevelopmentKey, StringComparison.Ordinal))
            {
                failures.Add($"{setting} is the development key of docker-compose.yml, which everyone knows; outside Development set a random key " +
                    $"of at least {MinProductionKeyLength} characters (e.g. `openssl rand -hex 32`).");
            }
            else if (value.Length < minimum)
            {
                failures.Add($"{setting} is {value.Length} characters long; {(production ? "outside Development " : "")}every admin key must have at least " +
                    $"{minimum} (e.g. `openssl rand -hex 32`).");
            }

            if (value.Length > 0 && !seen.Add(value))
            {
                failures.Add($"{setting} is the same key as another one; give each key its own value so the audit trail can tell who acted.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
