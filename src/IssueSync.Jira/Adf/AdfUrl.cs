namespace IssueSync.Jira.Adf;

/// <summary>
/// The one rule for every URL IssueSync puts in or accepts in ADF (link marks, smart-link cards, URLs inside card
/// data, Markdown links and images): absolute http, https or mailto only. javascript:, data:, vbscript:, file:,
/// relative and malformed URLs are refused.
/// </summary>
public static class AdfUrl
{
    /// <summary>The readable form of the rule, for error messages.</summary>
    public const string Rule = "an absolute http, https or mailto URL";

    /// <summary>The URL, trimmed, if its scheme is http, https or mailto; null otherwise.</summary>
    public static string? Safe(string? url)
    {
        var trimmed = url?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeMailto ? trimmed : null;
    }

    /// <summary>True when <see cref="Safe"/> accepts the URL.</summary>
    public static bool IsSafe(string? url) => Safe(url) is not null;
}
