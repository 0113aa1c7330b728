using IssueSync.JiraSimulator.Auth;
using IssueSync.JiraSimulator.Faults;
using IssueSync.JiraSimulator.Issues;
using IssueSync.JiraSimulator.RateLimiting;
using IssueSync.JiraSimulator.Seed;
using IssueSync.JiraSimulator.Stats;
using Microsoft.Extensions.Options;

namespace IssueSync.JiraSimulator.State;

/// <summary>All of the simulator's in-memory state. Thread-safe; one instance per host.</summary>
public sealed class SimulatorState
{
    private readonly SimulatorOptions _options;
    private readonly SimulatorSeed _startSeed;
    private readonly Lock _gate = new();
    private readonly List<string> _addedCallbacks = [];
    private volatile SeedDirectory _directory;
    private volatile SimulatorSettings _settings;

    public SimulatorState(IOptions<SimulatorOptions> options, SimulatorClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _options = options.Value;
        Clock = clock;
        _startSeed = _options.Seed
            ?? (string.IsNullOrEmpty(_options.SeedPath) ? SeedLoader.LoadDefault() : SeedLoader.LoadFile(_options.SeedPath));
        _directory = new SeedDirectory(_startSeed, _options, []);
        _settings = SimulatorSettings.FromOptions(_options);
        if (UnknownSites(_settings, _directory).FirstOrDefault() is { } unknown)
        {
            throw new InvalidOperationException($"Simulator:SiteBurstLimits: {unknown}");
        }

        Faults = new FaultInjector(_options.Faults);
    }

    /// <summary>The clock every expiry, leeway, rate-limit window and index delay is measured on.</summary>
    public SimulatorClock Clock { get; }

    public SimulatorOptions Options => _options;

    /// <summary>The active seed.</summary>
    public SimulatorSeed Seed => _directory.Seed;

    /// <summary>The current runtime settings.</summary>
    public SimulatorSettings Settings => _settings;

    public IssueStore Issues { get; } = new();

    public SimulatorStats Stats { get; } = new();

    internal SeedDirectory Directory => _directory;

    internal TokenStore Tokens { get; } = new();

    internal FaultInjector Faults { get; }

    internal RateLimiter RateLimiter { get; } = new();

    public DateTimeOffset Now => Clock.Now;

    /// <summary>Replaces the runtime settings (validated).</summary>
    public void UpdateSettings(SimulatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Validate().Concat(UnknownSites(settings, _directory)).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(settings));
        }

        _settings = settings;
    }

    /// <summary>Back to the start: start seed, settings, faults and clock offset; no issues, tokens, stats or rate-limit state.</summary>
    public void Reset() => Reset(_startSeed);

    /// <summary>Loads another seed and resets everything else (as <see cref="Reset()"/>).</summary>
    public void LoadSeed(SimulatorSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        Reset(seed);
    }

    /// <summary>Adds (or replaces) a user of the active seed.</summary>
    public void AddUser(SeedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_gate)
        {
            var seed = _directory.Seed;
            var users = seed.Users.Where(u => u.AccountId != user.AccountId).Append(user).ToList();
            _directory = new SeedDirectory(seed with { Users = users }, _options, _addedCallbacks);
        }
    }

    /// <summary>
    /// Registers one more callback URL on the app, as adding it in Atlassian's developer console would (until the next
    /// reset). It must be an absolute URL without a fragment; <c>redirect_uri</c> then has to equal it exactly.
    /// </summary>
    public void AddCallback(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || url.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The callback '{url}' must be an absolute http or https URL without a fragment.");
        }

        lock (_gate)
        {
            if (!_directory.App.RedirectUris.Contains(url, StringComparer.Ordinal))
            {
                _addedCallbacks.Add(url);
                _directory = new SeedDirectory(_directory.Seed, _options, _addedCallbacks);
            }
        }
    }

    private static IEnumerable<string> UnknownSites(SimulatorSettings settings, SeedDirectory directory) =>
        settings.SiteBurstLimits.Keys
            .Where(cloudId => !directory.Sites.ContainsKey(cloudId))
            .Select(cloudId => $"SiteBurstLimits names cloud id '{cloudId}', which is not a site of the seed.");

    private void Reset(SimulatorSeed seed)
    {
        lock (_gate)
        {
            _addedCallbacks.Clear();
            _directory = new SeedDirectory(seed, _options, _addedCallbacks);
            _settings = SimulatorSettings.FromOptions(_options);
            Faults.Replace(_options.Faults);
            Issues.Reset();
            Tokens.Reset();
            Stats.Reset();
            RateLimiter.Reset();
            Clock.SetOffset(TimeSpan.Zero);
        }
    }
}
