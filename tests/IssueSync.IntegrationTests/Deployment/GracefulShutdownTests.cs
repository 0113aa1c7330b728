using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.JiraSimulator.Faults;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;

namespace IssueSync.IntegrationTests.Deployment;

/// <summary>
/// Kubernetes stops pods with SIGTERM. The worker, run as its own process exactly as in a container, is sent
/// SIGTERM in the middle of a burst: it must exit by itself within the grace period, and every command must end
/// up created exactly once — finished by the stopping pod or returned and finished by the next one.
/// </summary>
public sealed class GracefulShutdownTests(IntegrationServices services)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Sigterm_during_a_burst_loses_nothing_and_duplicates_nothing()
    {
        await using var scenario = await PipelineScenario.StartAsync(services, simulator: o =>
            o.Faults = new FaultSettings { LatencyMs = 250, Endpoints = ["create-issue"] });
        await scenario.StopWorkerAsync(0);

        using var worker = StartWorkerProcess(scenario.Settings, out var port, out var output);
        await WaitUntilAsync(() => IsReadyAsync(port), TimeSpan.FromSeconds(60), () => $"the worker process did not become ready:\n{output}");

        var keys = Enumerable.Range(1, 60).Select(i => $"sigterm-{i:D2}").ToList();
        await PublishAsync(scenario, keys);
        await WaitUntilAsync(async () => await CountAsync(scenario, CommandState.Created) >= 8, TimeSpan.FromSeconds(60), () => output.ToString());
        var createdBeforeStop = await CountAsync(scenario, CommandState.Created);
        Assert.True(createdBeforeStop < keys.Count, "the burst was over before SIGTERM: the test proves nothing");

        var stopwatch = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var grace = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        grace.CancelAfter(TimeSpan.FromSeconds(55));
        await worker.WaitForExitAsync(grace.Token);
        Assert.Equal(0, worker.ExitCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(45), $"shutdown took {stopwatch.Elapsed}");

        // The next pod finishes whatever the stopping one handed back.
        await scenario.AddWorkerAsync();
        var commands = await scenario.WaitForTerminalAsync(keys, TimeSpan.FromSeconds(120));
        Assert.All(commands, c => Assert.Equal(CommandState.Created, c.State));
        var issues = await scenario.Simulator.Admin.GetIssuesAsync();
        Assert.Equal(keys.Count, issues.Count);
        Assert.Empty(await scenario.Simulator.Admin.GetDuplicatesAsync());
        Assert.Contains("Application is shutting down", output.ToString(), StringComparison.Ordinal);
    }

    private static Process StartWorkerProcess(WorkerSettings settings, out int port, out StringBuilder output)
    {
        port = FreePort();
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "IssueSync.Worker.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = settings.DatabaseConnectionString,
            ["Database__MigrateOnStartup"] = "false",
            ["IssueSync__Transport"] = "RabbitMq",
            ["IssueSync__RabbitMq__Uri"] = settings.RabbitMqUri.ToString(),
            ["IssueSync__RabbitMq__QuorumReplicas"] = "1",
            ["IssueSync__InputQueue"] = settings.InputQueue,
            ["IssueSync__ConcurrencyLimit"] = "8",
            ["IssueSync__ReplicaName"] = "sigterm-pod",
            ["Atlassian__AuthBaseUrl"] = settings.SimulatorUrl.ToString(),
            ["Atlassian__ApiBaseUrl"] = settings.SimulatorUrl.ToString(),
            ["Atlassian__ClientId"] = "issuesync-demo-client",
            ["Atlassian__ClientSecret"] = "issuesync-demo-secret",
            ["Atlassian__RedirectUri"] = "http://127.0.0.1:5080/oauth/callback",
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = log;
        return process;
    }

    private static async Task PublishAsync(PipelineScenario scenario, IEnumerable<string> keys)
    {
        var factory = new ConnectionFactory { Uri = scenario.Settings.RabbitMqUri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var key in keys)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(PipelineScenario.Command(key), Web);
            await channel.BasicPublishAsync(scenario.Settings.InputQueue, "", false,
                new BasicProperties { ContentType = "application/json", MessageId = Guid.NewGuid().ToString(), Persistent = true }, body);
        }
    }

    private static async Task<int> CountAsync(PipelineScenario scenario, CommandState state)
    {
        var builder = new DbContextOptionsBuilder<PostgresIssueSyncDbContext>();
        builder.UseIssueSyncPostgres(scenario.Settings.DatabaseConnectionString);
        await using var db = new PostgresIssueSyncDbContext(builder.Options);
        return await db.Commands.CountAsync(c => c.State == state);
    }

    private static async Task<bool> IsReadyAsync(int port)
    {
        using var client = new HttpClient();
        try
        {
            return (await client.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"))).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan patience, Func<string> explain)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(explain());
            }

            await Task.Delay(100);
        }
    }
}
