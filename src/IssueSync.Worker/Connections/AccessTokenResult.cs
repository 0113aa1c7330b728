using System.Diagnostics.CodeAnalysis;
using IssueSync.Worker.Ledger;

namespace IssueSync.Worker.Connections;

public enum AccessTokenStatus
{
    Ready,

    /// <summary>Atlassian answered invalid_grant, or no refresh token is stored: the user must connect again.</summary>
    ReauthorizationRequired,

    /// <summary>Another replica holds the connection's refresh lock: its new token will be there shortly.</summary>
    Busy,

    /// <summary>The refresh could not be done now (Atlassian unavailable, client rejected); see <see cref="AccessTokenResult.Condition"/>.</summary>
    Unavailable,
}

public sealed record AccessTokenResult(AccessTokenStatus Status, string? AccessToken, string? Message, TimeSpan? RetryAfter = null)
{
    /// <summary>For <see cref="AccessTokenStatus.Unavailable"/>: the failure-policy condition it stands for.</summary>
    public FailureCondition? Condition { get; init; }

    [MemberNotNullWhen(true, nameof(AccessToken))]
    public bool IsReady => Status == AccessTokenStatus.Ready && AccessToken is not null;

    public static AccessTokenResult Ready(string token) => new(AccessTokenStatus.Ready, token, null);

    public static AccessTokenResult Reauthorize(string message) => new(AccessTokenStatus.ReauthorizationRequired, null, message);

    public static AccessTokenResult Busy(string message) => new(AccessTokenStatus.Busy, null, message, TimeSpan.FromSeconds(1));

    public static AccessTokenResult Unavailable(FailureCondition condition, string message, TimeSpan? retryAfter = null) =>
        new(AccessTokenStatus.Unavailable, null, message, retryAfter) { Condition = condition };
}
