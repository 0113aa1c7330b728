using IssueSync.JiraSimulator.RateLimiting;

namespace IssueSync.JiraSimulator;

/// <summary>The settings that can change at runtime (<c>PUT /_simulator/config</c>); an immutable snapshot.</summary>
public sealed record SimulatorSettings
{
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan RefreshTokenLeeway { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan RefreshTokenInactivityLifetime { get; init; } = TimeSpan.FromDays(90);

    public TimeSpan RefreshTokenAbsoluteLifetime { get; init; } = TimeSpan.FromDays(365);

    public TimeSpan AuthorizationCodeLifetime { get; init; } = TimeSpan.FromMinutes(5);

    public int CreateMetaMaxPageSize { get; init; } = 50;

    public TimeSpan SearchIndexDelay { get; init; } = TimeSpan.FromSeconds(2);

    public bool BurstLimitsEnabled { get; init; } = true;

    public BurstRates BurstLimits { get; init; } = new();

    /// <summary>Per-site overrides of <see cref="BurstLimits"/>, by cloud id (case-insensitive).</summary>
    public IReadOnlyDictionary<string, BurstRateOverrides> SiteBurstLimits { get; init; } =
        new Dictionary<string, BurstRateOverrides>(StringComparer.OrdinalIgnoreCase);

    public bool PerIssueWriteLimitsEnabled { get; init; } = true;

    public int GlobalQuotaPoints { get; init; }

    public TimeSpan GlobalQuotaWindow { get; init; } = TimeSpan.FromHours(1);

    public int UngrantedCloudIdStatus { get; init; } = 404;

    /// <summary>When true, <c>/authorize</c> answers as if the user clicked "Deny" (<c>error=access_denied</c>).</summary>
    public bool DenyConsent { get; init; }

    internal static SimulatorSettings FromOptions(SimulatorOptions o) => new()
    {
        AccessTokenLifetime = o.AccessTokenLifetime,
        RefreshTokenLeeway = o.RefreshTokenLeeway,
        RefreshTokenInactivityLifetime = o.RefreshTokenInactivityLifetime,
        RefreshTokenAbsoluteLifetime = o.RefreshTokenAbsoluteLifetime,
        AuthorizationCodeLifetime = o.AuthorizationCodeLifetime,
        CreateMetaMaxPageSize = o.CreateMetaMaxPageSize,
        SearchIndexDelay = o.SearchIndexDelay,
        BurstLimitsEnabled = o.BurstLimitsEnabled,
        BurstLimits = o.BurstLimits,
        SiteBurstLimits = new Dictionary<string, BurstRateOverrides>(o.SiteBurstLimits, StringComparer.OrdinalIgnoreCase),
        PerIssueWriteLimitsEnabled = o.PerIssueWriteLimitsEnabled,
        GlobalQuotaPoints = o.GlobalQuotaPoints,
        GlobalQuotaWindow = o.GlobalQuotaWindow,
        UngrantedCloudIdStatus = o.UngrantedCloudIdStatus,
    };

    /// <summary>The burst rates in force on a site: its overrides on top of the global rates.</summary>
    public BurstRates BurstRatesFor(string cloudId) =>
        SiteBurstLimits.TryGetValue(cloudId, out var overrides) ? overrides.ApplyTo(BurstLimits) : BurstLimits;

    internal IEnumerable<string> Validate()
    {
        if (AccessTokenLifetime <= TimeSpan.Zero)
        {
            yield return "AccessTokenLifetime must be positive.";
        }

        if (RefreshTokenLeeway < TimeSpan.Zero)
        {
            yield return "RefreshTokenLeeway must not be negative.";
        }

        if (AuthorizationCodeLifetime <= TimeSpan.Zero)
        {
            yield return "AuthorizationCodeLifetime must be positive.";
        }

        if (CreateMetaMaxPageSize is < 1 or > 200)
        {
            yield return "CreateMetaMaxPageSize must be between 1 and 200.";
        }

        if (SearchIndexDelay < TimeSpan.Zero)
        {
            yield return "SearchIndexDelay must not be negative.";
        }

        if (GlobalQuotaPoints < 0 || GlobalQuotaWindow <= TimeSpan.Zero)
        {
            yield return "GlobalQuotaPoints must be >= 0 and GlobalQuotaWindow positive.";
        }

        if (UngrantedCloudIdStatus is not (401 or 404))
        {
            yield return "UngrantedCloudIdStatus must be 401 or 404.";
        }

        if (BurstLimits is null)
        {
            yield return "BurstLimits must be set (turn the limit off with BurstLimitsEnabled = false).";
            yield break;
        }

        foreach (var error in BurstLimits.Validate("BurstLimits"))
        {
            yield return error;
        }

        foreach (var (cloudId, overrides) in SiteBurstLimits)
        {
            IEnumerable<string> errors = overrides is null
                ? [$"SiteBurstLimits[{cloudId}] must not be null."]
                : overrides.ApplyTo(BurstLimits).Validate($"SiteBurstLimits[{cloudId}]");
            foreach (var error in errors)
            {
                yield return error;
            }
        }
    }
}
