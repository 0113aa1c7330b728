using Microsoft.Extensions.Options;

namespace IssueSync.Jira;

/// <summary>Checks what data annotations cannot: absolute http(s) URLs and the offline_access and read:me scopes.</summary>
internal sealed class AtlassianOptionsValidator : IValidateOptions<AtlassianOptions>
{
    public ValidateOptionsResult Validate(string? name, AtlassianOptions options)
    {
        var failures = new List<string>();
        CheckUrl(options.AuthBaseUrl, nameof(options.AuthBaseUrl), failures);
        CheckUrl(options.ApiBaseUrl, nameof(options.ApiBaseUrl), failures);
        CheckUrl(options.RedirectUri, nameof(options.RedirectUri), failures);
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{AtlassianOptions.SectionName}:{nameof(options.ClientId)} must be set.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{AtlassianOptions.SectionName}:{nameof(options.ClientSecret)} must be set (from an environment variable or a secret).");
        }

        var scopes = (options.Scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!scopes.Contains("offline_access", StringComparer.Ordinal))
        {
            failures.Add($"{AtlassianOptions.SectionName}:{nameof(options.Scopes)} must include offline_access, otherwise Atlassian issues no refresh token.");
        }

        if (!scopes.Contains("read:me", StringComparer.Ordinal))
        {
            failures.Add($"{AtlassianOptions.SectionName}:{nameof(options.Scopes)} must include read:me: the account that consents is read from /me and the grant bound to it.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{AtlassianOptions.SectionName}:{nameof(options.RequestTimeout)} must be positive.");
        }

        if (options.CreateMetaPageSize is < 1 or > 200)
        {
            failures.Add($"{AtlassianOptions.SectionName}:{nameof(options.CreateMetaPageSize)} must be between 1 and 200.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(Uri? url, string name, List<string> failures)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{AtlassianOptions.SectionName}:{name} must be an absolute http or https URL.");
        }
    }
}
