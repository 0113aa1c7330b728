namespace IssueSync.Jira.OAuth;

/// <summary>Picks the configured site among the accessible resources. Never falls back to the first one.</summary>
public static class AtlassianSiteSelector
{
    /// <summary>
    /// Selects the site whose cloud id equals <paramref name="cloudIdOrSiteUrl"/>, or whose URL matches it
    /// (case, scheme and trailing slash ignored, so <c>your-domain.atlassian.net</c> matches
    /// <c>https://your-domain.atlassian.net</c>). When the same id appears for several containers, the one
    /// carrying Jira scopes wins.
    /// </summary>
    public static SiteSelectionResult Select(IReadOnlyList<AccessibleResource> sites, string cloudIdOrSiteUrl)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var wanted = (cloudIdOrSiteUrl ?? "").Trim();
        if (wanted.Length == 0)
        {
            return SiteSelectionResult.Failure($"No Jira site was chosen. {Describe(sites)}");
        }

        var matches = sites.Where(s => string.Equals(s.Id, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 0)
        {
            var key = NormaliseUrl(wanted);
            matches = sites.Where(s => NormaliseUrl(s.Url) == key).ToList();
        }

        if (matches.Count == 0)
        {
            return SiteSelectionResult.Failure($"The Jira site '{wanted}' is not among the sites this Atlassian account has granted. {Describe(sites)}");
        }

        // accessible-resources ids are not unique across containers; prefer the one that is a Jira site.
        var jira = matches.FirstOrDefault(s => s.Scopes.Any(scope => scope.Contains("jira", StringComparison.OrdinalIgnoreCase)));
        return SiteSelectionResult.Success(jira ?? matches[0]);
    }

    private static string Describe(IReadOnlyList<AccessibleResource> sites) => sites.Count == 0
        ? "The account has granted access to no sites; reconnect and pick a site on the consent screen."
        : "Reachable sites: " + string.Join("; ", sites.Select(s => $"{s.Name} ({s.Url}, id {s.Id})")) + ".";

    internal static string NormaliseUrl(string url)
    {
        var text = url.Trim();
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            text = text[(schemeEnd + 3)..];
        }

        return text.TrimEnd('/').ToUpperInvariant();
    }
}
