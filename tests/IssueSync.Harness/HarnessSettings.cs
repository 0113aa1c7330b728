using System.Globalization;
using Npgsql;

namespace IssueSync.Harness;

/// <summary>
/// Every URL, port, key and path of one harness run, in one place. Workers have a public surface (OAuth
/// callback, health) and an admin surface (admin API); today both are the same port, and
/// <see cref="WorkerSlot"/> keeps them apart so a later split changes only this type.
/// </summary>
public sealed record HarnessSettings
{
    /// <summary>The repository root (where <c>artifacts/</c> and <c>tests/services.sh</c> live).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>This run's folder for process logs, e.g. <c>artifacts/soak/20261129-101500-s42</c>.</summary>
    public required string RunDirectory { get; init; }

    public required Uri RabbitMqUri { get; init; }

    /// <summary>An Npgsql connection string to the server with rights to create a database.</summary>
    public required string PostgresAdminConnectionString { get; init; }

    /// <summary>The database this run creates and the workers use.</summary>
    public required string DatabaseName { get; init; }

    /// <summary>The worker's input queue (and the exchange of the same name producers publish to).</summary>
    public required string InputQueue { get; init; }

    public required int SimulatorPort { get; init; }

    /// <summary>One entry per worker process; a restarted worker keeps its slot (ports, replica name).</summary>
    public required IReadOnlyList<WorkerSlot> Workers { get; init; }

    /// <summary>The worker's admin API key (<c>Admin:ApiKeys:0</c>).</summary>
    public string AdminApiKey { get; init; } = "soak-admin-key-" + Guid.NewGuid().ToString("N");

    /// <summary>The OAuth app as the simulator's default seed defines it (demo-only credentials).</summary>
    public string ClientId { get; init; } = "issuesync-demo-client";

    public string ClientSecret { get; init; } = "issuesync-demo-secret";

    /// <summary>Extra worker settings (<c>Section__Key</c> environment variables), applied to every worker.</summary>
    public IReadOnlyDictionary<string, string> WorkerEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra simulator settings (<c>Simulator__Key</c> environment variables).</summary>
    public IReadOnlyDictionary<string, string> SimulatorEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary><c>tests/services.sh</c> when the run started RabbitMQ and PostgreSQL itself (so it may restart them).</summary>
    public string? ServicesScript { get; init; }

    public Uri SimulatorUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{SimulatorPort}/"));

    public string DatabaseConnectionString => new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString)
    {
        Database = DatabaseName,
    }.ConnectionString;

    public string LogPath(string processName) => Path.Combine(RunDirectory, processName + ".log");

    /// <summary>Slots named <c>worker-1</c> … <c>worker-N</c>, each on a free loopback port.</summary>
    public static IReadOnlyList<WorkerSlot> FreeWorkerSlots(int count) =>
        [.. Enumerable.Range(1, count).Select(i => WorkerSlot.OnPort($"worker-{i}", FreePorts.Next()))];
}

/// <summary>One worker process's identity and addresses.</summary>
public sealed record WorkerSlot(string ReplicaName, int PublicPort, int AdminPort)
{
    public static WorkerSlot OnPort(string replicaName, int port) => new(replicaName, port, port);

    public Uri PublicUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{PublicPort}/"));

    public Uri AdminUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{AdminPort}/"));

    /// <summary>The OAuth redirect URI of this worker (registered with the simulator's app).</summary>
    public Uri CallbackUrl => new(PublicUrl, "oauth/callback");

    /// <summary>The ASP.NET Core listen URLs.</summary>
    public string ListenUrls => PublicPort == AdminPort
        ? PublicUrl.AbsoluteUri.TrimEnd('/')
        : $"{PublicUrl.AbsoluteUri.TrimEnd('/')};{AdminUrl.AbsoluteUri.TrimEnd('/')}";
}
