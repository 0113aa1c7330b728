using IssueSync.Jira.OAuth;
using IssueSync.Worker.Diagnostics;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Pipeline;
using Medallion.Threading;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Connections;

/// <summary>
/// Hands out a usable access token for a connection. Atlassian rotates the refresh token on every refresh and
/// revokes the whole grant when an old one is reused after 10 minutes, so a refresh is single-flight across all
/// replicas: take the connection's distributed lock, re-read the row (another replica may have refreshed it
/// already), refresh, and persist the rotated pair before anyone uses the new access token.
/// </summary>
public sealed class AccessTokenService(
    IssueSyncDbContext db,
    IAtlassianOAuthClient oauth,
    IDistributedLockProvider locks,
    TokenProtector protector,
    TimeProvider time,
    IOptions<WorkerOptions> options,
    WorkerMetrics metrics,
    ResultPublisher results,
    ILogger<AccessTokenService> logger)
{
    private readonly WorkerOptions _options = options.Value;

    /// <summary>
    /// A valid access token for the (tracked) connection. Pass the token Jira just rejected with 401 as
    /// <paramref name="rejectedAccessToken"/> to force a refresh unless another replica already replaced it.
    /// </summary>
    public async Task<AccessTokenResult> GetAsync(JiraConnection connection, string? rejectedAccessToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (rejectedAccessToken is null && TryUseStored(connection, out var stored))
        {
            return AccessTokenResult.Ready(stored);
        }

        await using var handle = await locks.CreateLock($"issuesync-token-refresh-{connection.Id:N}")
            .TryAcquireAsync(_options.TokenLockTimeout, cancellationToken);
        if (handle is null)
        {
            return AccessTokenResult.Unavailable("Timed out waiting for another replica to finish refreshing this connection's token.", TimeSpan.FromSeconds(1));
        }

        // Under the lock: whatever another replica persisted is now visible.
        await db.Entry(connection).ReloadAsync(cancellationToken);
        if (connection.Status == ConnectionStatus.ReauthorizationRequired)
        {
            return AccessTokenResult.Reauthorize(connection.StatusReason ?? "The connection needs to be authorized again.");
        }

        if (TryUseStored(connection, out var current) && current != rejectedAccessToken)
        {
            return AccessTokenResult.Ready(current);
        }

        if (connection.ProtectedRefreshToken is null)
        {
            await MarkReauthorizationRequiredAsync(connection, "No refresh token is stored for this connection.", cancellationToken);
            return AccessTokenResult.Reauthorize(connection.StatusReason!);
        }

        var result = await oauth.RefreshAsync(protector.Unprotect(connection.ProtectedRefreshToken), cancellationToken);
        if (result.IsSuccess)
        {
            var tokens = result.Tokens;
            connection.ProtectedAccessToken = protector.Protect(tokens.AccessToken);
            if (tokens.RefreshToken is not null)
            {
                connection.ProtectedRefreshToken = protector.Protect(tokens.RefreshToken);
            }
            else
            {
                logger.LogWarning("Atlassian returned no new refresh token for connection {ConnectionId}; keeping the previous one", connection.Name);
            }

            connection.AccessTokenExpiresAt = tokens.ExpiresAt.UtcDateTime;
            connection.LastRefreshedAt = time.GetUtcNow().UtcDateTime;
            connection.UpdatedAt = connection.LastRefreshedAt.Value;
            if (!string.IsNullOrEmpty(tokens.Scope))
            {
                connection.Scopes = tokens.Scope;
            }

            // Still under the lock, and the row carries a concurrency token: a lost race throws instead of
            // overwriting a newer rotated refresh token.
            await db.SaveChangesAsync(cancellationToken);
            metrics.TokenRefreshed(connection.Name, "success");
            logger.LogInformation("Refreshed the access token of connection {ConnectionId}; it expires at {ExpiresAt:O}", connection.Name, tokens.ExpiresAt);
            return AccessTokenResult.Ready(tokens.AccessToken);
        }

        var error = result.Error;
        switch (error.Kind)
        {
            case OAuthErrorKind.ReauthorizationRequired:
                metrics.TokenRefreshed(connection.Name, "invalid_grant");
                await MarkReauthorizationRequiredAsync(connection, $"Atlassian refused the refresh token ({error.Message}). The user must connect again.", cancellationToken);
                return AccessTokenResult.Reauthorize(connection.StatusReason!);
            default:
                metrics.TokenRefreshed(connection.Name, error.Kind.ToString().ToLowerInvariant());
                logger.LogWarning("Refreshing the token of connection {ConnectionId} failed: {ErrorKind} {Reason}", connection.Name, error.Kind, error.Message);
                return AccessTokenResult.Unavailable($"Refreshing the access token failed: {error.Message}", error.RetryAfter);
        }
    }

    private bool TryUseStored(JiraConnection connection, out string token)
    {
        token = "";
        if (connection.ProtectedAccessToken is null || connection.AccessTokenExpiresAt is not { } expiresAt)
        {
            return false;
        }

        if (expiresAt <= time.GetUtcNow().UtcDateTime + _options.TokenRefreshSkew)
        {
            return false;
        }

        token = protector.Unprotect(connection.ProtectedAccessToken);
        return true;
    }

    private async Task MarkReauthorizationRequiredAsync(JiraConnection connection, string reason, CancellationToken cancellationToken)
    {
        connection.Status = ConnectionStatus.ReauthorizationRequired;
        connection.StatusReason = reason;
        connection.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Connection {ConnectionId} needs reauthorization: {Reason}", connection.Name, reason);
        await results.PublishReauthorizationRequiredAsync(connection, reason, cancellationToken);
    }
}
