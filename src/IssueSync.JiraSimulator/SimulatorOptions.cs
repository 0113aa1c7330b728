using IssueSync.JiraSimulator.Faults;
using IssueSync.JiraSimulator.RateLimiting;
using IssueSync.JiraSimulator.Seed;

namespace IssueSync.JiraSimulator;

/// <summary>Start-up configuration of the simulator (section <c>Simulator</c>). Validated at start.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Base URL used in <c>self</c> links; derived from each request when not set.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Path of a seed JSON file; the embedded <c>seed.default.json</c> when neither this nor <see cref="Seed"/> is set.</summary>
    public string? SeedPath { get; set; }

    /// <summary>A seed given in code (in-process hosts); wins over <see cref="SeedPath"/>.</summary>
    public SimulatorSeed? Seed { get; set; }

    /// <summary>Overrides the seed app's client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Overrides the seed app's client secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Overrides the seed app's callback URLs when non-empty.</summary>
    public IList<string> RedirectUris { get; } = [];

    /// <summary>
    /// A relaxation for tests only (Atlassian has nothing like it): also accept any <c>http</c> loopback redirect URI
    /// (localhost, 127.0.0.0/8, [::1]) on any port. Off by default: <c>redirect_uri</c> must equal a registered callback
    /// exactly. Register the callback instead (<see cref="RedirectUris"/> or <c>POST /_simulator/app/callbacks</c>).
    /// </summary>
    public bool TestOnlyAcceptAnyLoopbackRedirect { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a rotated refresh token and its companion access token stay valid (Atlassian: 10 minutes).</summary>
    public TimeSpan RefreshTokenLeeway { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Refresh-token inactivity expiry (Atlassian: 90 days, reset by each rotation).</summary>
    public TimeSpan RefreshTokenInactivityLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Absolute expiry of a token family from the consent (Atlassian: 365 days).</summary>
    public TimeSpan RefreshTokenAbsoluteLifetime { get; set; } = TimeSpan.FromDays(365);

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest page the createmeta endpoints return (1–200), whatever <c>maxResults</c> asks.</summary>
    public int CreateMetaMaxPageSize { get; set; } = 50;

    /// <summary>How long after creation an issue becomes visible to JQL search (Jira: "recent updates might not be immediately visible").</summary>
    public TimeSpan SearchIndexDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Jira's burst limit (<c>jira-burst-based</c>): a token bucket per site × endpoint × method. On by default.</summary>
    public bool BurstLimitsEnabled { get; set; } = true;

    /// <summary>The burst rates of every site (Jira's published defaults unless changed).</summary>
    public BurstRates BurstLimits { get; set; } = new();

    /// <summary>Burst rates of particular sites, by cloud id; unset properties take <see cref="BurstLimits"/>.</summary>
    public IDictionary<string, BurstRateOverrides> SiteBurstLimits { get; } = new Dictionary<string, BurstRateOverrides>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Jira's per-issue write limits (<c>jira-per-issue-on-write</c>: 20 writes / 2 s and 100 / 30 s per issue). On by default.</summary>
    public bool PerIssueWriteLimitsEnabled { get; set; } = true;

    /// <summary>Global points quota per window, shared by every site (Atlassian tier 1: 65,000 per hour). 0 = off.</summary>
    public int GlobalQuotaPoints { get; set; }

    /// <summary>Quota window; windows are aligned on multiples of it since the Unix epoch (1 h = top of each UTC hour).</summary>
    public TimeSpan GlobalQuotaWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Status for a cloud id outside the token's grant: 404 (default) or 401.</summary>
    public int UngrantedCloudIdStatus { get; set; } = 404;

    /// <summary>Fault injection at start (can be changed at runtime through <c>PUT /_simulator/faults</c>).</summary>
    public FaultSettings Faults { get; set; } = new();

    /// <summary>When set, every <c>/_simulator/*</c> admin endpoint requires header <c>X-Simulator-Admin-Key</c>.</summary>
    public string? AdminApiKey { get; set; }
}
