using System.ComponentModel.DataAnnotations;

namespace IssueSync.Worker.Options;

/// <summary>How the worker consumes, paces and retries. Section <c>IssueSync</c>.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "IssueSync";

    /// <summary>Name of this replica in leases and attempt logs; defaults to the machine (pod) name.</summary>
    public string ReplicaName { get; set; } = Environment.MachineName;

    /// <summary>The input queue (kebab-case, quorum on RabbitMQ).</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9._-]*$", ErrorMessage = "IssueSync:InputQueue must be lower-case kebab-case.")]
    public string InputQueue { get; set; } = "create-issue";

    /// <summary>Commands processed at once by this replica (Jira latency is hidden behind this).</summary>
    [Range(1, 512)]
    public int ConcurrencyLimit { get; set; } = 16;

    /// <summary>Messages RabbitMQ hands this replica ahead of time.</summary>
    [Range(1, 4096)]
    public int PrefetchCount { get; set; } = 32;

    /// <summary>Larger messages are rejected with a recorded reason.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 256 * 1024;

    /// <summary>An access token closer than this to its expiry is refreshed before use.</summary>
    public TimeSpan TokenRefreshSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait for another replica's refresh of the same connection.</summary>
    public TimeSpan TokenLockTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long cached create metadata is trusted.</summary>
    public TimeSpan MetadataCacheTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a claim on a command lasts without renewal; validated against the timeout chain of an attempt.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each replica looks for retries that are due.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Database (default): ledger times follow the database server's clock, so leases and lookup schedules written
    /// by one pod mean the same to every other. Local: this process's clock (single process, or tests that drive time).
    /// </summary>
    public LedgerClockSource LedgerClock { get; set; } = LedgerClockSource.Database;

    /// <summary>
    /// Holders that died while reading and converting a command's content before it is quarantined. The stage is
    /// watched from the first takeover on, so a message that kills every worker costs this many deaths plus one;
    /// workers killed from outside at any other point never quarantine a command.
    /// </summary>
    [Range(1, 100)]
    public int QuarantineAfterContentCrashes { get; set; } = 2;

    /// <summary>Consecutive identical unexpected errors before a command fails as worker-error.</summary>
    [Range(1, 100)]
    public int FailAfterRepeatedWorkerErrors { get; set; } = 3;

    public UncertainOptions Uncertain { get; set; } = new();

    public DatabaseOutageOptions DatabaseOutage { get; set; } = new();

    public PacingOptions Pacing { get; set; } = new();

    public RetryOptions Retry { get; set; } = new();

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>RabbitMq (production) or InMemory (single process, embedded default).</summary>
    public TransportKind Transport { get; set; } = TransportKind.InMemory;
}

/// <summary>What happens after a create request whose answer was lost. Section <c>IssueSync:Uncertain</c>.</summary>
public sealed class UncertainOptions
{
    /// <summary>
    /// When to look the issue up by its dedupe label, counted from the create request by the ledger clock. Jira's
    /// search lags behind creates; only when every lookup comes back empty is the absence believed.
    /// </summary>
    public IList<TimeSpan> LookupSchedule { get; } = [];

    /// <summary>After the last empty lookup: post again by itself (true) or wait for an operator (false).</summary>
    public bool RepostWhenAbsent { get; set; } = true;

    internal static readonly TimeSpan[] DefaultSchedule =
        [TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];

    /// <summary>The configured schedule, or the default one (15 s, 1 min, 5 min, 30 min).</summary>
    public IReadOnlyList<TimeSpan> EffectiveSchedule => LookupSchedule.Count > 0 ? [.. LookupSchedule] : DefaultSchedule;
}

/// <summary>How create requests are spaced per Jira site. Section <c>IssueSync:Pacing</c>.</summary>
public sealed class PacingOptions
{
    /// <summary>Create requests per second per site (all replicas together) before anything is learnt from Jira.</summary>
    [Range(0.1, 10_000)]
    public double InitialSiteRate { get; set; } = 10;

    /// <summary>Never more than this per site (Jira documents 100 POST/s per tenant, shared by every app on it).</summary>
    [Range(0.1, 10_000)]
    public double MaxSiteRate { get; set; } = 100;

    /// <summary>Never slower than this after 429s.</summary>
    [Range(0.01, 10_000)]
    public double MinSiteRate { get; set; } = 0.5;

    /// <summary>How long a rate must hold, with demand above it and no 429, before it is raised.</summary>
    public TimeSpan IncreaseInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A command waits in process for its slot up to this long (holding one of the replica's concurrent slots, so
    /// the broker keeps the rest); a slot further away is not taken and the command waits in the ledger instead.
    /// </summary>
    public TimeSpan MaxInProcessWait { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>How a database outage is waited out. Section <c>IssueSync:DatabaseOutage</c>.</summary>
public sealed class DatabaseOutageOptions
{
    /// <summary>First wait before a message that met the outage is tried again; it doubles up to <see cref="MaxRetry"/>.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>When the outage stopped the input endpoint (kill switch), it starts again after this.</summary>
    public TimeSpan RestartAfter { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class RetryOptions
{
    /// <summary>First backoff; it doubles per attempt, with jitter, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Counted attempts before a transient failure becomes a recorded failure (retries-exhausted).</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 12;
}

public sealed class RabbitMqOptions
{
    /// <summary>amqp://user:password@host:5672/vhost — from the environment or a secret, never from committed config.</summary>
    public Uri? Uri { get; set; }

    /// <summary>Replication factor of the quorum queues.</summary>
    [Range(1, 7)]
    public int QuorumReplicas { get; set; } = 3;

    /// <summary>Deliveries of one message (x-delivery-limit) before the broker dead-letters it to the <c>_error</c> queue.</summary>
    [Range(2, 1000)]
    public int DeliveryLimit { get; set; } = 10;
}

public enum TransportKind
{
    InMemory,
    RabbitMq,
}

public enum LedgerClockSource
{
    Database,
    Local,
}
