using System.Globalization;
using System.Net;
using System.Net.Sockets;
using IssueSync.JiraSimulator;
using IssueSync.JiraSimulator.Faults;
using IssueSync.JiraSimulator.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IssueSync.Demo;

/// <summary>
/// The Jira Cloud simulator and a real IssueSync worker on its embedded defaults (SQLite, in-memory transport),
/// both on loopback in this process, with a fresh database and admin key each time. The worker does not listen to
/// Ctrl+C or SIGTERM itself: the demo does, and stops it (<see cref="DisposeAsync"/>).
/// </summary>
public sealed class DemoHost : IAsyncDisposable
{
    private readonly WebApplication _worker;
    private readonly string _directory;

    private DemoHost(JiraSimulatorHost simulator, WebApplication worker, Uri workerUrl, string apiKey, string directory)
    {
        Simulator = simulator;
        _worker = worker;
        WorkerUrl = workerUrl;
        ApiKey = apiKey;
        _directory = directory;
    }

    public JiraSimulatorHost Simulator { get; }

    public Uri WorkerUrl { get; }

    public string ApiKey { get; }

    public string LogFile => Path.Combine(_directory, "worker.log");

    public static async Task<DemoHost> StartAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("issuesync-demo-").FullName;
        var port = FreePort();
        var workerUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var redirectUri = new Uri(workerUrl, "oauth/callback").ToString();
        var simulator = await JiraSimulatorHost.StartAsync(o =>
        {
            // The simulator matches redirect_uri exactly, as Atlassian does: register the worker's callback.
            o.RedirectUris.Add(redirectUri);
            // A small burst bucket (6 POSTs, refilled at 8 per second) so the batch meets Jira's 429s, and some latency on creates.
            o.BurstLimits = new BurstRates { PostPerSecond = 8, BucketSeconds = 0.75 };
            o.Faults = new FaultSettings { LatencyMs = 60, LatencyJitterMs = 40, Endpoints = ["create-issue"] };
        }, ct: cancellationToken);

        // A throwaway certificate for the key ring: outside Development the worker refuses an unprotected one.
        var keyRingCertificate = Path.Combine(directory, "key-ring.pfx");
        IssueSync.Worker.Hosting.KeyRingProtection.WriteSelfSignedCertificate(keyRingCertificate, password: null, TimeProvider.System);
        var apiKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Demo", ContentRootPath = directory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = workerUrl.ToString(),
            [IssueSync.Worker.Hosting.KeyRingProtection.CertificatePathKey] = keyRingCertificate,
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, "issuesync.db")}",
            ["Database:MigrateOnStartup"] = "true",
            ["IssueSync:Transport"] = "InMemory",
            ["IssueSync:ConcurrencyLimit"] = "8",
            ["IssueSync:DispatchInterval"] = "00:00:00.250",
            // The simulator's search lags 2 s behind creates, as Jira's does: look an uncertain create up after 3, 8 and 20 s.
            ["IssueSync:Uncertain:LookupSchedule:0"] = "00:00:03",
            ["IssueSync:Uncertain:LookupSchedule:1"] = "00:00:08",
            ["IssueSync:Uncertain:LookupSchedule:2"] = "00:00:20",
            ["IssueSync:Retry:BaseDelay"] = "00:00:00.500",
            ["IssueSync:Retry:MaxDelay"] = "00:00:03",
            ["Admin:ApiKeys:0"] = apiKey,
            ["Atlassian:AuthBaseUrl"] = simulator.BaseUrl.ToString(),
            ["Atlassian:ApiBaseUrl"] = simulator.BaseUrl.ToString(),
            ["Atlassian:ClientId"] = "issuesync-demo-client",
            ["Atlassian:ClientSecret"] = "issuesync-demo-secret",
            ["Atlassian:RedirectUri"] = redirectUri,
            ["Logging:File"] = Path.Combine(directory, "worker.log"),
            ["Serilog:MinimumLevel:Default"] = "Information",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Warning",
            ["Serilog:MinimumLevel:Override:MassTransit"] = "Warning",
        });
        builder.AddIssueSyncWorker();
        builder.Services.AddSingleton<IHostLifetime, DemoOwnedLifetime>();
        var worker = builder.Build();
        worker.MapIssueSyncWorker();
        await worker.StartAsync(cancellationToken);
        return new DemoHost(simulator, worker, workerUrl, apiKey, directory);
    }

    public async ValueTask DisposeAsync()
    {
        using (var budget = new CancellationTokenSource(StopBudget))
        {
            await _worker.StopAsync(budget.Token);
        }

        await _worker.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    // The host's lifetime, minus the console: no signal handlers, nothing printed. Its start and stop are the demo's calls.
    private sealed class DemoOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>How long stopping the worker and the simulator may take: the worker's own shutdown budget (HostOptions.ShutdownTimeout).</summary>
    public static TimeSpan StopBudget { get; } = TimeSpan.FromSeconds(40);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
