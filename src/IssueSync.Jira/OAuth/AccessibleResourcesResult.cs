using System.Diagnostics.CodeAnalysis;

namespace IssueSync.Jira.OAuth;

/// <summary>The sites the access token reaches, or the reason they could not be read.</summary>
public sealed class AccessibleResourcesResult
{
    private AccessibleResourcesResult(IReadOnlyList<AccessibleResource>? sites, OAuthError? error)
    {
        Sites = sites;
        Error = error;
    }

    /// <summary>The sites on success (possibly empty).</summary>
    public IReadOnlyList<AccessibleResource>? Sites { get; }

    /// <summary>The failure otherwise.</summary>
    public OAuthError? Error { get; }

    /// <summary>True when <see cref="Sites"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Sites))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Sites is not null;

    /// <summary>A successful result.</summary>
    public static AccessibleResourcesResult Success(IReadOnlyList<AccessibleResource> sites) => new(sites ?? throw new ArgumentNullException(nameof(sites)), null);

    /// <summary>A failed result.</summary>
    public static AccessibleResourcesResult Failure(OAuthError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
