namespace IssueSync.JiraSimulator.Faults;

/// <summary>Draws faults from the current <see cref="FaultSettings"/>; thread-safe and deterministic for a given seed and request order.</summary>
internal sealed class FaultInjector
{
    private static readonly string[] DefaultTargets = ["create-issue"];
    private readonly Lock _gate = new();
    private FaultSettings _settings;
    private Random _random;
    private int _serverErrorsLeft;
    private int _unavailableLeft;
    private int _lostLeft;
    private int _omitRefreshLeft;

    public FaultInjector(FaultSettings settings)
    {
        _settings = settings.Clone();
        _random = new Random(_settings.Seed);
        ResetCounters();
    }

    public FaultSettings Current
    {
        get
        {
            lock (_gate)
            {
                var copy = _settings.Clone();
                copy.ServerErrorNextCount = _serverErrorsLeft;
                copy.ServiceUnavailableNextCount = _unavailableLeft;
                copy.LostResponseNextCount = _lostLeft;
                copy.OmitRefreshTokenNextCount = _omitRefreshLeft;
                return copy;
            }
        }
    }

    public void Replace(FaultSettings settings)
    {
        lock (_gate)
        {
            _settings = settings.Clone();
            _random = new Random(_settings.Seed);
            ResetCounters();
        }
    }

    public TimeSpan NextLatency(string endpoint)
    {
        lock (_gate)
        {
            if (_settings.LatencyMs == 0 && _settings.LatencyJitterMs == 0)
            {
                return TimeSpan.Zero;
            }

            if (_settings.LatencyEndpoints.Count > 0 && !Matches(_settings.LatencyEndpoints, endpoint))
            {
                return TimeSpan.Zero;
            }

            var jitter = _settings.LatencyJitterMs > 0 ? _random.Next(0, _settings.LatencyJitterMs + 1) : 0;
            return TimeSpan.FromMilliseconds(_settings.LatencyMs + jitter);
        }
    }

    /// <summary>A fault to answer with before the handler runs, or null.</summary>
    public InjectedFault? BeforeHandler(string endpoint)
    {
        lock (_gate)
        {
            if (!Matches(Targets, endpoint))
            {
                return null;
            }

            if (Draw(ref _unavailableLeft, _settings.ServiceUnavailableProbability))
            {
                return new InjectedFault(503, _settings.RetryAfterSeconds);
            }

            if (Draw(ref _serverErrorsLeft, _settings.ServerErrorProbability))
            {
                return new InjectedFault(_settings.ServerErrorStatus, null);
            }

            return null;
        }
    }

    /// <summary>After a successful, state-changing request: whether (and how) to lose the response.</summary>
    public LostResponseMode? AfterSuccess(string endpoint)
    {
        lock (_gate)
        {
            if (!Matches(Targets, endpoint))
            {
                return null;
            }

            return Draw(ref _lostLeft, _settings.LostResponseProbability) ? _settings.LostResponseMode : null;
        }
    }

    /// <summary>After a successful refresh: whether to leave <c>refresh_token</c> out of the answer.</summary>
    public bool OmitRefreshToken()
    {
        lock (_gate)
        {
            return Draw(ref _omitRefreshLeft, _settings.OmitRefreshTokenProbability);
        }
    }

    private IList<string> Targets => _settings.Endpoints.Count > 0 ? _settings.Endpoints : DefaultTargets;

    private bool Draw(ref int counter, double probability)
    {
        if (counter > 0)
        {
            counter--;
            return true;
        }

        return probability > 0 && _random.NextDouble() < probability;
    }

    private void ResetCounters()
    {
        _serverErrorsLeft = _settings.ServerErrorNextCount;
        _unavailableLeft = _settings.ServiceUnavailableNextCount;
        _lostLeft = _settings.LostResponseNextCount;
        _omitRefreshLeft = _settings.OmitRefreshTokenNextCount;
    }

    private static bool Matches(IList<string> endpoints, string endpoint) =>
        endpoints.Any(e => e == "*" || string.Equals(e, endpoint, StringComparison.OrdinalIgnoreCase));
}
