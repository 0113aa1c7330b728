namespace IssueSync.Jira.OAuth;

/// <summary>Atlassian OAuth 2.0 (3LO): consent URL, code exchange, rotating refresh, accessible sites.</summary>
public interface IAtlassianOAuthClient
{
    /// <summary>The URL to send the user's browser to. <paramref name="state"/> must be unguessable and bound to the user.</summary>
    Uri BuildAuthorizationUrl(string state);

    /// <summary>Exchanges the authorization code from the callback for a token pair.</summary>
    Task<OAuthTokenResult> ExchangeCodeAsync(string code, CancellationToken cancellationToken);

    /// <summary>
    /// Exchanges a refresh token for a new pair. Atlassian rotates refresh tokens: persist
    /// <see cref="OAuthTokens.RefreshToken"/> before using the new access token. <c>invalid_grant</c> gives
    /// <see cref="OAuthErrorKind.ReauthorizationRequired"/>.
    /// </summary>
    Task<OAuthTokenResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>Lists the sites (cloud ids) the access token reaches.</summary>
    Task<AccessibleResourcesResult> GetAccessibleResourcesAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary>Reads the account the access token acts for (<c>GET /me</c>, scope <c>read:me</c>): the account that consented.</summary>
    Task<AtlassianAccountResult> GetMeAsync(string accessToken, CancellationToken cancellationToken);
}
