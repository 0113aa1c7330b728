using IssueSync.Jira.OAuth;
using IssueSync.Worker.Diagnostics;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Pipeline;
using Medallion.Threading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Connections;

/// <summary>
/// Hands out a usable access token for a connection. Atlassian rotates the refresh token on every refresh and
/// revokes the whole grant when an old one is reused after 10 minutes, so a rotated token must never be lost:
/// <list type="bullet">
/// <item>a refresh is single-flight across replicas (the connection's distributed lock; the row is re-read under it);</item>
/// <item>"a rotation may be under way" is written before Atlassian sees the refresh token;</item>
/// <item>the call to Atlassian and the write of its answer are never cancelled, and the write happens in a context of
/// its own (no command's write can roll it back), retried while the database blips;</item>
/// <item>an answer without a refresh token, or no answer at all, leaves the marker set: the rotation is completed
/// inside Atlassian's leeway (at once, or by <see cref="CompleteUnconfirmedRotationsAsync"/>), reusing the old token,
/// which Atlassian honours for 10 minutes with a fresh pair.</item>
/// </list>
/// </summary>
public sealed class AccessTokenService(
    IServiceScopeFactory scopes,
    IAtlassianOAuthClient oauth,
    IDistributedLockProvider locks,
    TokenProtector protector,
    LedgerClock clock,
    IOptions<WorkerOptions> options,
    WorkerMetrics metrics,
    ILogger<AccessTokenService> logger)
{
    /// <summary>A rotation unconfirmed for this long was abandoned (its replica died or lost the answer).</summary>
    private static readonly TimeSpan UnconfirmedAfter = TimeSpan.FromSeconds(15);

    /// <summary>Atlassian keeps a rotated refresh token usable for this long (docs/atlassian-api.md §1.4).</summary>
    private static readonly TimeSpan RotationLeeway = TimeSpan.FromMinutes(10);

    /// <summary>A token is refreshed no earlier than this share of its lifetime before it expires (1/25).</summary>
    private const int MaxSkewShareOfLifetime = 25;

    private static readonly TimeSpan[] StoreRetryDelays =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    private readonly WorkerOptions _options = options.Value;

    /// <summary>
    /// A valid access token for the connection (a snapshot read by the caller). Pass the token Jira just rejected as
    /// <paramref name="rejectedAccessToken"/> to force a refresh unless another replica already replaced it.
    /// </summary>
    public async Task<AccessTokenResult> GetAsync(JiraConnection connection, string? rejectedAccessToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (rejectedAccessToken is null && TryUseStored(connection, out var stored))
        {
            return AccessTokenResult.Ready(stored);
        }

        // A rotation is being completed (by another replica, or the sweeper): the current token still works meanwhile.
        if (rejectedAccessToken is null && connection.RotationStartedAt is not null && TryUseStored(connection, out var current, TimeSpan.FromSeconds(30)))
        {
            return AccessTokenResult.Ready(current);
        }

        return await RefreshAsync(connection.Id, rejectedAccessToken, completeRotation: false, cancellationToken);
    }

    /// <summary>Completes rotations whose answer was lost or lacked a refresh token, inside Atlassian's leeway. Returns how many.</summary>
    public async Task<int> CompleteUnconfirmedRotationsAsync(CancellationToken cancellationToken)
    {
        List<Guid> unconfirmed;
        var cutoff = clock.UtcNow - UnconfirmedAfter;
        await using (var scope = scopes.CreateAsyncScope())
        {
            unconfirmed = await scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>().Connections.AsNoTracking()
                .Where(c => c.RotationStartedAt != null && c.RotationStartedAt < cutoff && c.Status == ConnectionStatus.Active)
                .Select(c => c.Id).Take(50).ToListAsync(cancellationToken);
        }

        foreach (var id in unconfirmed)
        {
            logger.LogWarning("Connection {ConnectionGuid}: a token rotation was never confirmed; completing it inside Atlassian's leeway", id);
            await RefreshAsync(id, null, completeRotation: true, cancellationToken);
        }

        return unconfirmed.Count;
    }

    private async Task<AccessTokenResult> RefreshAsync(Guid connectionId, string? rejectedAccessToken, bool completeRotation, CancellationToken cancellationToken)
    {
        await using var handle = await locks.CreateLock($"issuesync-token-refresh-{connectionId:N}").TryAcquireAsync(_options.TokenLockTimeout, cancellationToken);
        if (handle is null)
        {
            return AccessTokenResult.Busy("Another replica is refreshing this connection's token.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();

        // Under the lock: whatever another replica stored is visible now.
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null || connection.Status is ConnectionStatus.Disconnected)
        {
            return AccessTokenResult.Reauthorize("The connection was disconnected.");
        }

        if (connection.Status is ConnectionStatus.ReauthorizationRequired or ConnectionStatus.AwaitingAccountConfirmation)
        {
            // A held reconnect's tokens belong to an account nobody confirmed: never used, never rotated.
            return AccessTokenResult.Reauthorize(connection.StatusReason ?? "The connection needs to be authorized again.");
        }

        var rotationOpen = connection.RotationStartedAt is not null;
        if (!rotationOpen && !completeRotation && TryUseStored(connection, out var current) && current != rejectedAccessToken)
        {
            return AccessTokenResult.Ready(current);
        }

        if (completeRotation && !rotationOpen)
        {
            // Someone completed it while we waited for the lock.
            return TryUseStored(connection, out var fresh) ? AccessTokenResult.Ready(fresh) : AccessTokenResult.Busy("The rotation was completed elsewhere.");
        }

        if (connection.ProtectedRefreshToken is null)
        {
            return await ReauthorizeAsync(db, connection, "No refresh token is stored for this connection.");
        }

        if (!rotationOpen)
        {
            connection.RotationStartedAt = clock.UtcNow;
            await StoreAsync(db, connection);
        }
        else if (clock.UtcNow - connection.RotationStartedAt > RotationLeeway)
        {
            logger.LogWarning("Connection {ConnectionId}: an unconfirmed rotation is older than Atlassian's 10-minute leeway; trying the stored token anyway",
                connection.Name);
        }

        // Twice at most: an answer without a refresh token leaves the rotation unknown, and asking again with the
        // same (still valid) token inside the leeway gets a full pair.
        for (var ask = 0; ask < 2; ask++)
        {
            var result = await oauth.RefreshAsync(protector.Unprotect(connection.ProtectedRefreshToken!), CancellationToken.None);
            if (!result.IsSuccess)
            {
                return await RefreshFailedAsync(db, connection, result.Error, rejectedAccessToken);
            }

            var tokens = result.Tokens;
            var now = clock.UtcNow;
            connection.ProtectedAccessToken = protector.Protect(tokens.AccessToken);
            connection.AccessTokenExpiresAt = tokens.ExpiresAt.UtcDateTime;
            connection.LastRefreshedAt = now;
            connection.UpdatedAt = now;
            if (!string.IsNullOrEmpty(tokens.Scope))
            {
                connection.Scopes = tokens.Scope;
            }

            if (tokens.RefreshToken is not null)
            {
                connection.ProtectedRefreshToken = protector.Protect(tokens.RefreshToken);
                connection.RotationStartedAt = null;
                await StoreAsync(db, connection);
                metrics.TokenRefreshed(connection.Name, "success");
                logger.LogInformation("Refreshed the access token of connection {ConnectionId}; it expires at {ExpiresAt:O}", connection.Name, tokens.ExpiresAt);
                return AccessTokenResult.Ready(tokens.AccessToken);
            }

            await StoreAsync(db, connection);
            metrics.TokenRefreshed(connection.Name, "no-refresh-token");
            logger.LogWarning("Atlassian answered a refresh of connection {ConnectionId} without a refresh token: the rotation is unknown; asking again inside the leeway",
                connection.Name);
        }

        return TryUseStored(connection, out var usable)
            ? AccessTokenResult.Ready(usable)
            : AccessTokenResult.Unavailable(FailureCondition.TokenUnavailable, "Atlassian's refresh answers carried no refresh token.");
    }

    private async Task<AccessTokenResult> RefreshFailedAsync(IssueSyncDbContext db, JiraConnection connection, OAuthError error, string? rejectedAccessToken)
    {
        var condition = FailurePolicy.Classify(error.Kind);
        metrics.TokenRefreshed(connection.Name, error.Kind == OAuthErrorKind.ReauthorizationRequired ? "invalid_grant" : error.Kind.ToString().ToLowerInvariant());
        switch (condition)
        {
            case FailureCondition.TokenInvalidGrant:
                return await ReauthorizeAsync(db, connection, $"Atlassian refused the refresh token ({error.Message}). The user must connect again.");
            case FailureCondition.TokenClientRejected:
                // Atlassian refused the app itself, not the token: nothing was rotated.
                connection.RotationStartedAt = null;
                await StoreAsync(db, connection);
                logger.LogError("Atlassian rejected the app's client credentials while refreshing connection {ConnectionId}: {Reason}", connection.Name, error.Message);
                return AccessTokenResult.Unavailable(condition, $"Atlassian rejected the app's client credentials: {error.Message}");
            default:
                // The request may have reached Atlassian and rotated the token: the marker stays until a refresh is
                // confirmed. The current access token, if it is still good, keeps the work going meanwhile.
                logger.LogWarning("Refreshing the token of connection {ConnectionId} failed: {ErrorKind} {Reason}", connection.Name, error.Kind, error.Message);
                return TryUseStored(connection, out var current, TimeSpan.FromSeconds(30)) && current != rejectedAccessToken
                    ? AccessTokenResult.Ready(current)
                    : AccessTokenResult.Unavailable(condition, $"Refreshing the access token failed: {error.Message}", error.RetryAfter);
        }
    }

    private async Task<AccessTokenResult> ReauthorizeAsync(IssueSyncDbContext db, JiraConnection connection, string reason)
    {
        connection.Status = ConnectionStatus.ReauthorizationRequired;
        connection.StatusReason = ColumnText.Cut(reason, JiraConnection.MaxStatusReasonLength);
        connection.RotationStartedAt = null;
        connection.UpdatedAt = clock.UtcNow;
        await StoreAsync(db, connection);
        logger.LogWarning("Connection {ConnectionId} needs reauthorization: {Reason}", connection.Name, reason);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ResultPublisher>().PublishReauthorizationRequiredAsync(connection, reason, CancellationToken.None);
        return AccessTokenResult.Reauthorize(reason);
    }

    /// <summary>Writes the connection under the lock, not cancellable, retried while the database is briefly away.</summary>
    private async Task StoreAsync(IssueSyncDbContext db, JiraConnection connection)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (Exception ex) when (TransientDatabaseFault.Is(ex) && retry < StoreRetryDelays.Length)
            {
                logger.LogWarning("Storing the tokens of connection {ConnectionId} failed ({Error}); trying again", connection.Name, ex.GetBaseException().Message);
                await Task.Delay(StoreRetryDelays[retry], CancellationToken.None);
            }
        }
    }

    private bool TryUseStored(JiraConnection connection, out string token, TimeSpan? margin = null)
    {
        token = "";
        if (connection.ProtectedAccessToken is null || connection.AccessTokenExpiresAt is not { } expiresAt
            || expiresAt <= clock.UtcNow + (margin ?? Skew(connection, expiresAt)))
        {
            return false;
        }

        token = protector.Unprotect(connection.ProtectedAccessToken);
        return true;
    }

    private TimeSpan Skew(JiraConnection connection, DateTime expiresAt) =>
        RefreshSkew(connection.LastRefreshedAt is { } issued && expiresAt > issued ? expiresAt - issued : null, _options.TokenRefreshSkew);

    /// <summary>
    /// How long before its expiry a token is refreshed: the configured skew, but never more than a 25th of the
    /// token's lifetime, so that a token is refreshed about once per lifetime (a 1 h token 2.4 minutes ahead, a 30 s one
    /// 1.2 s ahead) rather than every three quarters of it. The create request checks its token again right before
    /// it leaves, so a wait for pace cannot carry a token past its expiry.
    /// </summary>
    public static TimeSpan RefreshSkew(TimeSpan? lifetime, TimeSpan configured) =>
        lifetime is { } known && known / MaxSkewShareOfLifetime < configured ? known / MaxSkewShareOfLifetime : configured;
}
