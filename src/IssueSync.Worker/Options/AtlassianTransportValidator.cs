using IssueSync.Jira;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Options;

/// <summary>
/// Outside Development, Atlassian's URLs and the OAuth callback must be https: over plain http the client secret, the
/// authorization codes and the tokens travel in clear. A loopback address (a local simulator) is the only exception.
/// </summary>
public sealed class AtlassianTransportValidator(IHostEnvironment environment) : IValidateOptions<AtlassianOptions>
{
    public ValidateOptionsResult Validate(string? name, AtlassianOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        Check(options.AuthBaseUrl, nameof(options.AuthBaseUrl), failures);
        Check(options.ApiBaseUrl, nameof(options.ApiBaseUrl), failures);
        Check(options.RedirectUri, nameof(options.RedirectUri), failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void Check(Uri? url, string setting, List<string> failures)
    {
        if (url is { IsAbsoluteUri: true } && url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            failures.Add($"{AtlassianOptions.SectionName}:{setting} is http:// ({url.Host}) in the {environment.EnvironmentName} environment: " +
                "the client secret, codes and tokens would travel in clear. Use https (plain http is accepted only for a loopback address or in Development).");
        }
    }
}
