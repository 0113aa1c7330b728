using System.Diagnostics.CodeAnalysis;

namespace IssueSync.Jira.OAuth;

/// <summary>Tokens, or the reason there are none.</summary>
public sealed class OAuthTokenResult
{
    private OAuthTokenResult(OAuthTokens? tokens, OAuthError? error)
    {
        Tokens = tokens;
        Error = error;
    }

    /// <summary>The tokens on success.</summary>
    public OAuthTokens? Tokens { get; }

    /// <summary>The failure otherwise.</summary>
    public OAuthError? Error { get; }

    /// <summary>True when <see cref="Tokens"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Tokens))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Tokens is not null;

    /// <summary>A successful result.</summary>
    public static OAuthTokenResult Success(OAuthTokens tokens) => new(tokens ?? throw new ArgumentNullException(nameof(tokens)), null);

    /// <summary>A failed result.</summary>
    public static OAuthTokenResult Failure(OAuthError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
