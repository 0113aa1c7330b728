using System.Diagnostics.CodeAnalysis;

namespace IssueSync.Worker.Connections;

public enum AccessTokenStatus
{
    Ready,

    /// <summary>Atlassian answered invalid_grant, or no refresh token is stored: the user must connect again.</summary>
    ReauthorizationRequired,

    /// <summary>The refresh could not be done now (Atlassian unavailable, lock contention); try again later.</summary>
    Unavailable,
}

public sealed record AccessTokenResult(AccessTokenStatus Status, string? AccessToken, string? Message, TimeSpan? RetryAfter = null)
{
    [MemberNotNullWhen(true, nameof(AccessToken))]
    public bool IsReady => Status == AccessTokenStatus.Ready && AccessToken is not null;

    public static AccessTokenResult Ready(string token) => new(AccessTokenStatus.Ready, token, null);

    public static AccessTokenResult Reauthorize(string message) => new(AccessTokenStatus.ReauthorizationRequired, null, message);

    public static AccessTokenResult Unavailable(string message, TimeSpan? retryAfter = null) => new(AccessTokenStatus.Unavailable, null, message, retryAfter);
}
