namespace IssueSync.Harness;

/// <summary>
/// One worker replica as its own process (<c>dotnet IssueSync.Worker.dll</c>) on PostgreSQL and RabbitMQ, exactly
/// as a container runs it. Restarting it keeps its slot: the same ports, replica name and log file.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyPatience = TimeSpan.FromSeconds(120);
    private readonly ManagedProcess _process;

    private WorkerProcess(WorkerSlot slot, ManagedProcess process)
    {
        Slot = slot;
        _process = process;
    }

    public WorkerSlot Slot { get; }

    public string LogPath => _process.LogPath;

    public bool IsRunning => _process.IsRunning;

    public int? ProcessId => _process.ProcessId;

    /// <summary>How many times this worker was killed with SIGKILL.</summary>
    public int Kills { get; private set; }

    public static WorkerProcess Create(HarnessSettings settings, WorkerSlot slot)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(slot);
        var assembly = BuiltArtifacts.Find(settings.RepositoryRoot, "IssueSync.Worker");
        return new WorkerProcess(slot, new ManagedProcess(slot.ReplicaName, assembly, [], Environment(settings, slot), settings.LogPath(slot.ReplicaName)));
    }

    /// <summary>
    /// Writes the run's key-ring certificate with the worker's own <c>key-ring-certificate</c> command (as compose's
    /// one-shot service does; outside Development the worker does not start without one), then applies the database
    /// migrations with its <c>migrate</c> command (as the Kubernetes Job does). Every replica shares that certificate,
    /// so each can read the keys another created.
    /// </summary>
    public static async Task MigrateAsync(HarnessSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var assembly = BuiltArtifacts.Find(settings.RepositoryRoot, "IssueSync.Worker");
        var slot = settings.Workers[0];
        Directory.CreateDirectory(settings.RunDirectory);
        await using (var certificate = new ManagedProcess("key-ring-certificate", assembly, ["key-ring-certificate", KeyRingPath(settings)],
            Environment(settings, slot), settings.LogPath("key-ring-certificate")))
        {
            if (await certificate.RunToEndAsync(TimeSpan.FromMinutes(1), cancellationToken) != 0 || !File.Exists(KeyRingPath(settings)))
            {
                throw new HarnessException($"IssueSync.Worker key-ring-certificate did not write {KeyRingPath(settings)}:\n{certificate.Tail()}");
            }
        }

        await using var migrate = new ManagedProcess("migrate", assembly, ["migrate"], Environment(settings, slot), settings.LogPath("migrate"));
        var exitCode = await migrate.RunToEndAsync(TimeSpan.FromMinutes(3), cancellationToken);
        if (exitCode != 0)
        {
            throw new HarnessException($"IssueSync.Worker migrate exited with {exitCode}:\n{migrate.Tail()}");
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _process.Start();
        await WaitReadyAsync(cancellationToken);
    }

    public Task WaitReadyAsync(CancellationToken cancellationToken = default) =>
        Readiness.WaitForHttpOkAsync(new Uri(Slot.PublicUrl, "health/ready"), ReadyPatience,
            () => $"{Slot.ReplicaName} did not report /health/ready within {ReadyPatience.TotalSeconds:0} s{(_process.IsRunning ? "" : $" (it exited with {_process.ExitCode})")}:\n{_process.Tail()}",
            cancellationToken);

    /// <summary>SIGKILL, as when a node dies or the OOM killer strikes.</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        await _process.KillAsync(cancellationToken);
        Kills++;
    }

    /// <summary>SIGTERM and wait, as Kubernetes stops a pod.</summary>
    public Task<int> StopAsync(CancellationToken cancellationToken = default) => _process.StopAsync(TimeSpan.FromSeconds(60), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(60));
        await _process.DisposeAsync();
    }

    private static string KeyRingPath(HarnessSettings settings) => Path.Combine(settings.RunDirectory, "key-ring.pfx");

    private static Dictionary<string, string> Environment(HarnessSettings settings, WorkerSlot slot)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = slot.ListenUrls,
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = settings.DatabaseConnectionString,
            ["Database__MigrateOnStartup"] = "false",
            ["IssueSync__Transport"] = "RabbitMq",
            ["IssueSync__RabbitMq__Uri"] = settings.RabbitMqUri.ToString(),
            ["IssueSync__RabbitMq__QuorumReplicas"] = "1",
            ["IssueSync__InputQueue"] = settings.InputQueue,
            ["IssueSync__ReplicaName"] = slot.ReplicaName,
            ["Atlassian__AuthBaseUrl"] = settings.SimulatorUrl.ToString(),
            ["Atlassian__ApiBaseUrl"] = settings.SimulatorUrl.ToString(),
            ["Atlassian__ClientId"] = settings.ClientId,
            ["Atlassian__ClientSecret"] = settings.ClientSecret,
            ["Atlassian__RedirectUri"] = slot.CallbackUrl.ToString(),
            ["Admin__ApiKeys__0"] = settings.AdminApiKey,
            ["DataProtection__CertificatePath"] = KeyRingPath(settings),
            ["OTEL_SDK_DISABLED"] = "true",
        };
        foreach (var (key, value) in settings.WorkerEnvironment)
        {
            environment[key] = value;
        }

        return environment;
    }
}
