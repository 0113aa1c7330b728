namespace IssueSync.Worker.Ledger;

/// <summary>The numbers the command lifecycle obeys (from <c>WorkerOptions</c>); the transitions take them as input.</summary>
public sealed record LifecycleRules
{
    /// <summary>How long a claim lasts without renewal.</summary>
    public required TimeSpan LeaseDuration { get; init; }

    /// <summary>Counted attempts before a transient failure becomes <c>retries-exhausted</c>.</summary>
    public required int MaxAttempts { get; init; }

    /// <summary>Holders that died inside the content stage (reading and converting the command) before it is quarantined.</summary>
    public required int QuarantineAfterContentCrashes { get; init; }

    /// <summary>Consecutive identical unexpected errors before the command fails as <c>worker-error</c>.</summary>
    public required int FailAfterRepeatedWorkerErrors { get; init; }

    /// <summary>
    /// When to look an uncertain create up, measured from the create request (ledger clock). After the last lookup
    /// finds nothing, the absence is taken as certain.
    /// </summary>
    public required IReadOnlyList<TimeSpan> LookupSchedule { get; init; }

    /// <summary>True: once the absence is certain the command is posted again by itself. False: an operator decides.</summary>
    public required bool RepostWhenAbsent { get; init; }

    /// <summary>Backoff after the n-th counted attempt (jitter included).</summary>
    public required Func<int, TimeSpan> Backoff { get; init; }
}
