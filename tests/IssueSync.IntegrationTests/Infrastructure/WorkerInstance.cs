using System.Collections.Concurrent;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Core;
using Serilog.Events;

namespace IssueSync.IntegrationTests.Infrastructure;

/// <summary>
/// A real worker host (the production <c>AddIssueSyncWorker</c>) on the shared RabbitMQ and a test's PostgreSQL
/// database, talking to the Jira simulator over HTTP. Several instances with the same settings act as replicas.
/// Every log event is captured so tests can check what was (and was not) logged.
/// </summary>
public sealed class WorkerInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WorkerInstance(WebApplication app, LogCapture logs)
    {
        _app = app;
        Logs = logs;
    }

    public const string AdminApiKey = "integration-admin-key-7c1d-0123456789abcdef";

    public IServiceProvider Services => _app.Services;

    /// <summary>Where the host listens (a random loopback port).</summary>
    public Uri BaseUrl => new(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>An HTTP client for the admin API, with the API key.</summary>
    public HttpClient AdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminApiKey);
        return client;
    }

    public LogCapture Logs { get; }

    public IBus Bus => _app.Services.GetRequiredService<IBus>();

    public static async Task<WorkerInstance> StartAsync(WorkerSettings settings, string replicaName, Action<IBusRegistrationConfigurator>? configureBus = null,
        Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        var values = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Admin:ApiKeys:0"] = AdminApiKey,
            ["DataProtection:CertificatePath"] = TestKeyRing.CertificatePath,
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = settings.DatabaseConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["IssueSync:Transport"] = "RabbitMq",
            ["IssueSync:RabbitMq:Uri"] = settings.RabbitMqUri.ToString(),
            ["IssueSync:RabbitMq:QuorumReplicas"] = "1",
            ["IssueSync:InputQueue"] = settings.InputQueue,
            ["IssueSync:ReplicaName"] = replicaName,
            ["IssueSync:ConcurrencyLimit"] = settings.ConcurrencyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["IssueSync:DispatchInterval"] = "00:00:00.200",
            ["IssueSync:Retry:BaseDelay"] = "00:00:00.200",
            ["IssueSync:Retry:MaxDelay"] = "00:00:02",
            // Start pacing where the simulator's default limit (100 POST/s per site) leaves room for several replicas.
            ["IssueSync:Pacing:InitialSiteRate"] = "50",
            ["Atlassian:AuthBaseUrl"] = settings.SimulatorUrl.ToString(),
            ["Atlassian:ApiBaseUrl"] = settings.SimulatorUrl.ToString(),
            ["Atlassian:ClientId"] = "issuesync-demo-client",
            ["Atlassian:ClientSecret"] = "issuesync-demo-secret",
            ["Atlassian:RedirectUri"] = "http://127.0.0.1:5080/oauth/callback",
            ["Serilog:MinimumLevel:Default"] = "Debug",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Warning",
            ["Serilog:MinimumLevel:Override:MassTransit"] = "Information",
        };
        for (var i = 0; i < settings.LookupSchedule.Count; i++)
        {
            values[$"IssueSync:Uncertain:LookupSchedule:{i}"] = settings.LookupSchedule[i].ToString();
        }

        foreach (var (key, value) in settings.Overrides)
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.AddIssueSyncWorker(configureBus);
        configureServices?.Invoke(builder.Services);
        var logs = new LogCapture();
        builder.Services.AddSingleton<ILogEventSink>(logs);
        var app = builder.Build();
        app.MapIssueSyncWorker();
        await app.StartAsync();
        return new WorkerInstance(app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record WorkerSettings(string DatabaseConnectionString, Uri RabbitMqUri, string InputQueue, Uri SimulatorUrl)
{
    public int ConcurrencyLimit { get; init; } = 16;

    /// <summary>
    /// When an uncertain create is looked up, counted from the create request. The simulator's search lags 2 s behind
    /// creates by default (as Jira's does), so the tests look after 3 s, 8 s and 20 s.
    /// </summary>
    public IReadOnlyList<TimeSpan> LookupSchedule { get; init; } = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(20)];

    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();
}

/// <summary>Every rendered log event (message and properties), for assertions on content.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public string AllText()
    {
        using var writer = new StringWriter();
        foreach (var e in _events)
        {
            e.RenderMessage(writer);
            writer.Write(' ');
            foreach (var p in e.Properties)
            {
                writer.Write($"{p.Key}={p.Value} ");
            }

            writer.WriteLine(e.Exception?.ToString());
        }

        return writer.ToString();
    }
}
