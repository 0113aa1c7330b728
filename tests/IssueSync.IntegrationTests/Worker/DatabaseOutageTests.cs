using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IssueSync.IntegrationTests.Worker;

/// <summary>A database failover (30–60 s in production) pauses consumption; it never dead-letters live traffic.</summary>
public sealed class DatabaseOutageTests(IntegrationServices services)
{
    [Fact]
    public async Task A_database_outage_pauses_consumption_instead_of_dead_lettering()
    {
        var database = await services.CreateDatabaseAsync();
        var target = new NpgsqlConnectionStringBuilder(database);
        await using var proxy = new TcpProxy(target.Host!, target.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(database) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 }.ConnectionString;
        await using var scenario = await PipelineScenario.StartAsync(services, database: database, worker: s => s with
        {
            Overrides = new Dictionary<string, string?>
            {
                ["Database:ConnectionString"] = viaProxy,
                ["IssueSync:DatabaseOutage:FirstRetry"] = "00:00:00.100",
                ["IssueSync:DatabaseOutage:MaxRetry"] = "00:00:00.200",
            },
        });
        var outage = scenario.Worker.Services.GetRequiredService<DatabaseOutageMonitor>();
        using var http = new HttpClient { BaseAddress = scenario.Worker.BaseUrl };

        proxy.Cut();
        await scenario.SendAsync(PipelineScenario.Command("outage-1"));
        // Well past the few quick retries after which a message used to be dead-lettered.
        var errorQueue = scenario.Settings.InputQueue + "_error";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (await services.QueueDepthAsync(errorQueue) == 0 && outage.Retries < 20)
        {
            Assert.True(DateTime.UtcNow < deadline, "the worker neither retried nor dead-lettered the command");
            await Task.Delay(100);
        }

        Assert.Equal(1, outage.Waiting);

        Assert.Equal(0u, await services.QueueDepthAsync(errorQueue));
        Assert.False((await http.GetAsync("/health/ready")).IsSuccessStatusCode, "the worker says it is ready while its database is away");

        proxy.Restore();
        var command = Assert.Single(await scenario.WaitForTerminalAsync(["outage-1"], TimeSpan.FromSeconds(90)));
        Assert.Equal(CommandState.Created, command.State);
        Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync());
        Assert.Equal(0u, await services.QueueDepthAsync(errorQueue));
    }
}
