using System.Globalization;
using IssueSync.Harness;

namespace IssueSync.Soak;

/// <summary>
/// The running system of one soak: a fresh database, the simulator process, the answer collector (bound before
/// anything is published), the worker processes and the connected accounts, and the publisher.
/// </summary>
public sealed class SoakEnvironment : IAsyncDisposable
{
    private SoakEnvironment(HarnessSettings settings, ServiceControl? services)
    {
        Settings = settings;
        Services = services;
        Connector = new OAuthConnector(settings);
        Ledger = new LedgerReader(settings.DatabaseConnectionString);
    }

    public HarnessSettings Settings { get; }

    /// <summary>Null when RabbitMQ and PostgreSQL were not started by tests/services.sh for this run.</summary>
    public ServiceControl? Services { get; }

    public OAuthConnector Connector { get; }

    public LedgerReader Ledger { get; }

    public SimulatorProcess Simulator { get; private set; } = null!;

    public AnswerCollector Answers { get; private set; } = null!;

    public WorkerFleet Fleet { get; private set; } = null!;

    public CommandPublisher Publisher { get; private set; } = null!;

    public static async Task<SoakEnvironment> StartAsync(SoakOptions options, string repositoryRoot, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var runId = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-s{options.Seed}");
        var settings = new HarnessSettings
        {
            RepositoryRoot = repositoryRoot,
            RunDirectory = Path.Combine(repositoryRoot, "artifacts", "soak", runId),
            RabbitMqUri = options.RabbitMqUri,
            PostgresAdminConnectionString = options.PostgresConnectionString,
            DatabaseName = "issuesync_soak_" + runId.Replace('-', '_'),
            InputQueue = "soak-create-issue-" + runId,
            SimulatorPort = FreePorts.Next(),
            Workers = HarnessSettings.FreeWorkerSlots(options.Workers),
            ServicesScript = options.ServicesScript,
            WorkerEnvironment = WorkerEnvironment,
        };
        Directory.CreateDirectory(settings.RunDirectory);
        var services = options.ServicesScript is { } script ? new ServiceControl(script, settings.LogPath("services")) : null;
        var environment = new SoakEnvironment(settings, services);
        try
        {
            await environment.StartProcessesAsync(options, output, cancellationToken);
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }

        return environment;
    }

    /// <summary>Settings an operator could choose for short-lived tokens and a fast-moving test; everything else is the default.</summary>
    public static IReadOnlyDictionary<string, string> WorkerEnvironment { get; } = new Dictionary<string, string>
    {
        // Access tokens live 20 s here instead of an hour: refresh 5 s before expiry rather than 5 minutes.
        ["IssueSync__TokenRefreshSkew"] = "00:00:05",
        // Backoff capped at 30 s instead of 5 minutes, so the run drains within its deadline.
        ["IssueSync__Retry__MaxDelay"] = "00:00:30",
        // The simulator's search lags 5 s behind creates here: look an uncertain create up after 7, 15 and 30 s
        // (the default, 15 s to 30 min, is for Jira; this run must end within minutes).
        ["IssueSync__Uncertain__LookupSchedule__0"] = "00:00:07",
        ["IssueSync__Uncertain__LookupSchedule__1"] = "00:00:15",
        ["IssueSync__Uncertain__LookupSchedule__2"] = "00:00:30",
        // A worker is killed every ~15 s: take over its commands after 50 s, not 2 minutes. The lease must outlast
        // the timeout chain, so requests to the simulator time out after 10 s and the token lock is awaited 10 s.
        ["IssueSync__LeaseDuration"] = "00:00:50",
        ["IssueSync__TokenLockTimeout"] = "00:00:10",
        ["IssueSync__Pacing__MaxInProcessWait"] = "00:00:20",
        ["Atlassian__RequestTimeout"] = "00:00:10",
        ["Serilog__MinimumLevel__Default"] = "Information",
    };

    private async Task StartProcessesAsync(SoakOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await LedgerReader.CreateDatabaseAsync(Settings.PostgresAdminConnectionString, Settings.DatabaseName, cancellationToken);
        output.WriteLine($"[setup] database {Settings.DatabaseName}, input queue {Settings.InputQueue}, logs in {Settings.RunDirectory}");

        Simulator = await SimulatorProcess.StartAsync(Settings, cancellationToken);
        foreach (var slot in Settings.Workers)
        {
            await Simulator.RegisterCallbackAsync(slot.CallbackUrl, cancellationToken);
        }

        foreach (var account in SoakAccount.All.Where(a => a.AddToSimulator))
        {
            await Simulator.Admin.AddUserAsync(account.ToSeedUser(), cancellationToken);
        }

        // Before any consent: the tokens minted from now on live 20 s.
        await Simulator.UpdateConfigAsync(SoakFaults.Config(options.Rate), cancellationToken);
        output.WriteLine($"[setup] simulator on {Settings.SimulatorUrl} with {SoakAccount.All.Count} users");

        Answers = await AnswerCollector.StartAsync(Settings.RabbitMqUri, Settings.InputQueue + "-answers", cancellationToken);
        Fleet = await WorkerFleet.StartAsync(Settings, cancellationToken);
        output.WriteLine($"[setup] {Fleet.Workers.Count} workers ready: {string.Join(", ", Fleet.Workers.Select(w => $"{w.Slot.ReplicaName} {w.Slot.PublicUrl}"))}");

        foreach (var (account, i) in SoakAccount.All.Select((a, i) => (a, i)))
        {
            var worker = Fleet.Workers[i % Fleet.Workers.Count];
            var tries = await Connector.ConnectAsync(worker.Slot, account.Connection, account.AccountId, account.ChosenSite.Url, cancellationToken);
            output.WriteLine($"[setup] {account.Connection} connected as {account.AccountId} through the OAuth flow on {worker.Slot.ReplicaName}" +
                (account.OtherSite is null ? "" : $" (two sites: chose {account.ChosenSite.Url})") + (tries > 1 ? $", {tries} tries" : ""));
        }

        Publisher = await CommandPublisher.ConnectAsync(Settings.RabbitMqUri, Settings.InputQueue, options.PublisherConnections, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Publisher is not null)
        {
            await Publisher.DisposeAsync();
        }

        if (Fleet is not null)
        {
            await Fleet.DisposeAsync();
        }

        if (Answers is not null)
        {
            await Answers.DisposeAsync();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
    }
}
