namespace IssueSync.Jira.OAuth;

/// <summary>A token pair from Atlassian's token endpoint.</summary>
public sealed record OAuthTokens
{
    /// <summary>The bearer token for API calls (about an hour).</summary>
    public required string AccessToken { get; init; }

    /// <summary>
    /// The refresh token to store for next time. On a refresh without a new one in the response this is the one
    /// that was sent. Null only after a code exchange without <c>offline_access</c>.
    /// </summary>
    public string? RefreshToken { get; init; }

    /// <summary>When the access token expires, from <c>expires_in</c> counted from when the request was sent.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The granted scopes, space-separated, as Atlassian returned them.</summary>
    public string Scope { get; init; } = "";

    /// <summary>True when the response carried a new refresh token (persist it before using the access token).</summary>
    public bool RefreshTokenRotated { get; init; }

    /// <summary>Never prints the tokens.</summary>
    public override string ToString() => $"OAuthTokens {{ ExpiresAt = {ExpiresAt:O}, Scope = {Scope}, RefreshTokenRotated = {RefreshTokenRotated} }}";
}
