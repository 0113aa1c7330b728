using System.Diagnostics.CodeAnalysis;

namespace IssueSync.Jira.OAuth;

/// <summary>The account behind an access token, or the reason it could not be read.</summary>
public sealed class AtlassianAccountResult
{
    private AtlassianAccountResult(AtlassianAccount? account, OAuthError? error)
    {
        Account = account;
        Error = error;
    }

    /// <summary>The account on success.</summary>
    public AtlassianAccount? Account { get; }

    /// <summary>The failure otherwise.</summary>
    public OAuthError? Error { get; }

    /// <summary>True when <see cref="Account"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Account))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Account is not null;

    /// <summary>A successful result.</summary>
    public static AtlassianAccountResult Success(AtlassianAccount account) => new(account ?? throw new ArgumentNullException(nameof(account)), null);

    /// <summary>A failed result.</summary>
    public static AtlassianAccountResult Failure(OAuthError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
