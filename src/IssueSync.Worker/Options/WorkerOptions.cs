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
    public TimeSpan TokenLockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long cached create metadata is trusted.</summary>
    public TimeSpan MetadataCacheTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a replica may work on a command before another may take it over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>After an unknown outcome, Jira's search may lag: wait this long after the POST before trusting "not found".</summary>
    public TimeSpan DedupeSearchLag { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often each replica looks for retries that are due.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    public RetryOptions Retry { get; set; } = new();

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>RabbitMq (production) or InMemory (single process, embedded default).</summary>
    public TransportKind Transport { get; set; } = TransportKind.InMemory;
}

public sealed class RetryOptions
{
    /// <summary>First backoff; it doubles per attempt, with jitter, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a transient failure becomes a recorded failure (retries-exhausted).</summary>
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
}

public enum TransportKind
{
    InMemory,
    RabbitMq,
}
