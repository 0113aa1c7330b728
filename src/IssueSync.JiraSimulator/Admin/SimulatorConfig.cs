using System.Globalization;
using IssueSync.JiraSimulator.RateLimiting;

namespace IssueSync.JiraSimulator.Admin;

/// <summary>
/// The body of <c>GET/PUT /_simulator/config</c>: the runtime settings, durations in seconds. On PUT every
/// property is optional; only the ones given change. <see cref="BurstLimits"/> changes only the rates given;
/// each entry of <see cref="SiteBurstLimits"/> replaces that site's overrides (<c>null</c> removes them).
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

    public bool? BurstLimitsEnabled { get; init; }

    public BurstRateOverrides? BurstLimits { get; init; }

    public IReadOnlyDictionary<string, BurstRateOverrides?>? SiteBurstLimits { get; init; }

    public bool? PerIssueWriteLimitsEnabled { get; init; }

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
        BurstLimitsEnabled = s.BurstLimitsEnabled,
        BurstLimits = BurstRateOverrides.From(s.BurstLimits),
        SiteBurstLimits = s.SiteBurstLimits.ToDictionary(kv => kv.Key, kv => (BurstRateOverrides?)kv.Value, StringComparer.OrdinalIgnoreCase),
        PerIssueWriteLimitsEnabled = s.PerIssueWriteLimitsEnabled,
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
        BurstLimitsEnabled = BurstLimitsEnabled ?? s.BurstLimitsEnabled,
        BurstLimits = BurstLimits?.ApplyTo(s.BurstLimits) ?? s.BurstLimits,
        SiteBurstLimits = SiteBurstLimits is null ? s.SiteBurstLimits : MergeSites(s.SiteBurstLimits, SiteBurstLimits),
        PerIssueWriteLimitsEnabled = PerIssueWriteLimitsEnabled ?? s.PerIssueWriteLimitsEnabled,
        GlobalQuotaPoints = GlobalQuotaPoints ?? s.GlobalQuotaPoints,
        GlobalQuotaWindow = Seconds(GlobalQuotaWindowSeconds) ?? s.GlobalQuotaWindow,
        UngrantedCloudIdStatus = UngrantedCloudIdStatus ?? s.UngrantedCloudIdStatus,
        DenyConsent = DenyConsent ?? s.DenyConsent,
    };

    private static Dictionary<string, BurstRateOverrides> MergeSites(
        IReadOnlyDictionary<string, BurstRateOverrides> current, IReadOnlyDictionary<string, BurstRateOverrides?> changes)
    {
        var merged = new Dictionary<string, BurstRateOverrides>(current, StringComparer.OrdinalIgnoreCase);
        foreach (var (cloudId, overrides) in changes)
        {
            if (overrides is null)
            {
                merged.Remove(cloudId);
            }
            else
            {
                merged[cloudId] = overrides;
            }
        }

        return merged;
    }

    private static TimeSpan? Seconds(double? value) =>
        value is { } v
            ? double.IsFinite(v) ? TimeSpan.FromSeconds(v) : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{v} is not a number of seconds."))
            : null;
}
