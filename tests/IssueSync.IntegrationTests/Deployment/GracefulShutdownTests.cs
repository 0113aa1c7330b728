using System.Diagnostics;
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

        using var pod = await WorkerProcess.StartAsync(scenario.Settings, "sigterm-pod");
        var worker = pod.Process;

        var keys = Enumerable.Range(1, 60).Select(i => $"sigterm-{i:D2}").ToList();
        await PublishAsync(scenario, keys);
        await WaitUntilAsync(async () => await CountAsync(scenario, CommandState.Created) >= 8, TimeSpan.FromSeconds(60), () => pod.Output);
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
        Assert.Contains("Application is shutting down", pod.Output, StringComparison.Ordinal);
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
