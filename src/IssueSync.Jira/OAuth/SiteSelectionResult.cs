using System.Diagnostics.CodeAnalysis;

namespace IssueSync.Jira.OAuth;

/// <summary>The chosen site, or why none was chosen (naming every reachable site).</summary>
public sealed class SiteSelectionResult
{
    private SiteSelectionResult(AccessibleResource? site, string? error)
    {
        Site = site;
        Error = error;
    }

    /// <summary>The site that matched.</summary>
    public AccessibleResource? Site { get; }

    /// <summary>Why nothing matched, listing the reachable sites by name, URL and id.</summary>
    public string? Error { get; }

    /// <summary>True when <see cref="Site"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Site))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Site is not null;

    internal static SiteSelectionResult Success(AccessibleResource site) => new(site, null);

    internal static SiteSelectionResult Failure(string error) => new(null, error);
}
