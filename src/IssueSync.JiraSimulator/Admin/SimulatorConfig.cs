using System.Globalization;

namespace IssueSync.JiraSimulator.Admin;

/// <summary>
/// The body of <c>GET/PUT /_simulator/config</c>: the runtime settings, durations in seconds. On PUT every
/// property is optional; only the ones given change.
/// </summary>
public sealed record SimulatorConfig
{
    public double? AccessTokenLifetimeSeconds { get; init; }

    public double? RefreshTokenLeewaySeconds { get; init; }

    public double? RefreshTokenInactivityLifetimeSeconds { get; init; }

    public double? RefreshTokenAbsoluteLifetimeSeconds { get; init; }

    public double? AuthorizationCodeLifetimeSeconds { get; init; }

    public int? CreateMetaMaxPageSize { get; init; }

    public double? SearchIndexDelaySeconds { get; init; }

    public int? BurstCapacity { get; init; }

    public double? BurstRefillPerSecond { get; init; }

    public int? GlobalQuotaPoints { get; init; }

    public double? GlobalQuotaWindowSeconds { get; init; }

    public int? UngrantedCloudIdStatus { get; init; }

    public bool? DenyConsent { get; init; }

    internal static SimulatorConfig From(SimulatorSettings s) => new()
    {
        AccessTokenLifetimeSeconds = s.AccessTokenLifetime.TotalSeconds,
        RefreshTokenLeewaySeconds = s.RefreshTokenLeeway.TotalSeconds,
        RefreshTokenInactivityLifetimeSeconds = s.RefreshTokenInactivityLifetime.TotalSeconds,
        RefreshTokenAbsoluteLifetimeSeconds = s.RefreshTokenAbsoluteLifetime.TotalSeconds,
        AuthorizationCodeLifetimeSeconds = s.AuthorizationCodeLifetime.TotalSeconds,
        CreateMetaMaxPageSize = s.CreateMetaMaxPageSize,
        SearchIndexDelaySeconds = s.SearchIndexDelay.TotalSeconds,
        BurstCapacity = s.BurstCapacity,
        BurstRefillPerSecond = s.BurstRefillPerSecond,
        GlobalQuotaPoints = s.GlobalQuotaPoints,
        GlobalQuotaWindowSeconds = s.GlobalQuotaWindow.TotalSeconds,
        UngrantedCloudIdStatus = s.UngrantedCloudIdStatus,
        DenyConsent = s.DenyConsent,
    };

    internal SimulatorSettings ApplyTo(SimulatorSettings s) => s with
    {
        AccessTokenLifetime = Seconds(AccessTokenLifetimeSeconds) ?? s.AccessTokenLifetime,
        RefreshTokenLeeway = Seconds(RefreshTokenLeewaySeconds) ?? s.RefreshTokenLeeway,
        RefreshTokenInactivityLifetime = Seconds(RefreshTokenInactivityLifetimeSeconds) ?? s.RefreshTokenInactivityLifetime,
        RefreshTokenAbsoluteLifetime = Seconds(RefreshTokenAbsoluteLifetimeSeconds) ?? s.RefreshTokenAbsoluteLifetime,
        AuthorizationCodeLifetime = Seconds(AuthorizationCodeLifetimeSeconds) ?? s.AuthorizationCodeLifetime,
        CreateMetaMaxPageSize = CreateMetaMaxPageSize ?? s.CreateMetaMaxPageSize,
        SearchIndexDelay = Seconds(SearchIndexDelaySeconds) ?? s.SearchIndexDelay,
        BurstCapacity = BurstCapacity ?? s.BurstCapacity,
        BurstRefillPerSecond = BurstRefillPerSecond ?? s.BurstRefillPerSecond,
        GlobalQuotaPoints = GlobalQuotaPoints ?? s.GlobalQuotaPoints,
        GlobalQuotaWindow = Seconds(GlobalQuotaWindowSeconds) ?? s.GlobalQuotaWindow,
        UngrantedCloudIdStatus = UngrantedCloudIdStatus ?? s.UngrantedCloudIdStatus,
        DenyConsent = DenyConsent ?? s.DenyConsent,
    };

    private static TimeSpan? Seconds(double? value) =>
        value is { } v
            ? double.IsFinite(v) ? TimeSpan.FromSeconds(v) : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{v} is not a number of seconds."))
            : null;
}
