using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.JiraSimulator;
using IssueSync.JiraSimulator.Faults;
using IssueSync.JiraSimulator.Seed;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RabbitMQ.Client;

namespace IssueSync.Benchmarks;

/// <summary>
/// Publishes N commands for K connections as raw JSON onto the real broker, lets R worker replicas create the
/// issues in the simulator (with latency on the create call), and prints throughput, latency percentiles, Jira
/// calls per created issue, token refreshes, duplicates and memory. Loopback only; bounded in count and time.
/// </summary>
public static class Benchmark
{
    private const string CloudId = "8a4c2f10-3b5e-4d7a-9f61-0c2d3e4f5a61";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var rabbit = Environment.GetEnvironmentVariable("ISSUESYNC_TEST_RABBITMQ") ?? throw new InvalidOperationException("Set ISSUESYNC_TEST_RABBITMQ (bench/run.sh does).");
        var postgres = Environment.GetEnvironmentVariable("ISSUESYNC_TEST_POSTGRES") ?? throw new InvalidOperationException("Set ISSUESYNC_TEST_POSTGRES (bench/run.sh does).");
        Console.WriteLine($"IssueSync benchmark: {options.Commands} commands, {options.Connections} connections, {options.Replicas} replicas × concurrency {options.Concurrency}, " +
            $"create latency {options.LatencyMs} ms, token lifetime {options.TokenLifetimeSeconds} s");

        var database = await CreateDatabaseAsync(postgres);
        await using var simulator = await JiraSimulatorHost.StartAsync(o =>
        {
            o.AccessTokenLifetime = TimeSpan.FromSeconds(options.TokenLifetimeSeconds);
            o.Faults = new FaultSettings { LatencyMs = options.LatencyMs, LatencyJitterMs = options.LatencyMs / 5, Endpoints = ["create-issue"] };
        });
        var queue = $"bench-create-issue-{Guid.NewGuid():N}"[..40];
        var settings = new WorkerSettings(database, new Uri(rabbit), queue, simulator.BaseUrl)
        {
            ConcurrencyLimit = options.Concurrency,
            Overrides = new Dictionary<string, string?>
            {
                ["Serilog:MinimumLevel:Default"] = "Warning",
                ["IssueSync:PrefetchCount"] = (options.Concurrency * 2).ToString(CultureInfo.InvariantCulture),
                ["IssueSync:TokenRefreshSkew"] = options.TokenLifetimeSeconds < 600 ? "00:00:00" : "00:05:00",
            },
        };

        var workers = new List<WorkerInstance>();
        try
        {
            for (var i = 0; i < options.Replicas; i++)
            {
                workers.Add(await WorkerInstance.StartAsync(settings, $"bench-{i + 1}"));
            }

            var connections = await ConnectAsync(workers[0], simulator, options.Connections);
            var statsBefore = await simulator.Admin.GetStatsAsync();
            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            await PublishAsync(rabbit, queue, options.Commands, connections);
            var publishSeconds = clock.Elapsed.TotalSeconds;

            var done = await WaitAsync(workers[0], options.Commands, TimeSpan.FromMinutes(10));
            var seconds = clock.Elapsed.TotalSeconds;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var stats = await simulator.Admin.GetStatsAsync();
            var duplicates = await simulator.Admin.GetDuplicatesAsync();
            await ReportAsync(workers[0], options, done, seconds, publishSeconds, statsBefore, stats, duplicates.Count, allocated);
            return done == options.Commands && duplicates.Count == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }

            await DropDatabaseAsync(postgres, database);
        }
    }

    private static async Task<List<string>> ConnectAsync(WorkerInstance worker, JiraSimulatorHost simulator, int count)
    {
        var names = new List<string>();
        await using var scope = worker.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<TokenProtector>();
        for (var i = 1; i <= count; i++)
        {
            var accountId = $"bench-user-{i:D3}";
            await simulator.Admin.AddUserAsync(new SeedUser { AccountId = accountId, DisplayName = $"Bench {i}", Sites = [CloudId] });
            var tokens = await simulator.Admin.IssueTokensAsync(accountId);
            var now = DateTime.UtcNow;
            var name = $"tenant-{i:D3}";
            db.Connections.Add(new JiraConnection
            {
                Id = Guid.NewGuid(), Name = name, Status = ConnectionStatus.Active, AtlassianAccountId = accountId,
                ProtectedAccessToken = protector.Protect(tokens.AccessToken), ProtectedRefreshToken = protector.Protect(tokens.RefreshToken!),
                AccessTokenExpiresAt = now.AddSeconds(tokens.ExpiresIn), CloudId = CloudId, SiteUrl = "https://acme.atlassian.net",
                CreatedAt = now, UpdatedAt = now,
            });
            names.Add(name);
        }

        await db.SaveChangesAsync();
        return names;
    }

    private static async Task PublishAsync(string rabbit, string queue, int count, List<string> connections)
    {
        var factory = new ConnectionFactory { Uri = new Uri(rabbit) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        for (var i = 0; i < count; i++)
        {
            var command = new CreateIssue
            {
                IdempotencyKey = $"bench-{i:D6}",
                ConnectionId = connections[i % connections.Count],
                ProjectKey = "OPS",
                IssueType = "Task",
                Summary = $"Benchmark issue {i}",
                DescriptionMarkdown = "## Context\n\nGenerated by the **IssueSync** benchmark.\n\n- step one\n- step two\n\n```\nstack trace\n```",
                Priority = "Medium",
                Labels = ["bench"],
            };
            await channel.BasicPublishAsync(queue, "", false,
                new BasicProperties { ContentType = "application/json", Persistent = true, MessageId = Guid.NewGuid().ToString() },
                JsonSerializer.SerializeToUtf8Bytes(command, Web));
        }
    }

    private static async Task<int> WaitAsync(WorkerInstance worker, int expected, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            await using var scope = worker.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
            var done = await db.Commands.CountAsync(c => c.State == CommandState.Created || c.State == CommandState.Failed);
            if (done >= expected || DateTime.UtcNow > deadline)
            {
                return done;
            }

            await Task.Delay(200);
        }
    }

    private static async Task ReportAsync(WorkerInstance worker, BenchmarkOptions options, int done, double seconds, double publishSeconds,
        IssueSync.JiraSimulator.Stats.SimulatorStatsSnapshot before, IssueSync.JiraSimulator.Stats.SimulatorStatsSnapshot after, int duplicates, long allocated)
    {
        await using var scope = worker.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        var rows = await db.Commands.AsNoTracking().Select(c => new { c.State, c.ReceivedAt, c.CompletedAt }).ToListAsync();
        var created = rows.Count(r => r.State == CommandState.Created);
        var latencies = rows.Where(r => r.CompletedAt is not null).Select(r => (r.CompletedAt!.Value - r.ReceivedAt).TotalMilliseconds).Order().ToList();
        double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        long Calls(IssueSync.JiraSimulator.Stats.SimulatorStatsSnapshot s, string endpoint) =>
            s.Requests.TryGetValue(endpoint, out var byStatus) ? byStatus.Values.Sum() : 0;
        string[] endpoints = ["create-issue", "createmeta-issuetypes", "createmeta-fields", "search-jql", "token", "accessible-resources"];
        var apiCalls = endpoints.Where(e => e is not ("token" or "accessible-resources")).Sum(e => Calls(after, e) - Calls(before, e));

        Console.WriteLine();
        Console.WriteLine($"created            {created} of {options.Commands} ({done - created} failed), duplicates in Jira: {duplicates}");
        Console.WriteLine($"throughput         {created / seconds:0.0} issues/s  ({seconds:0.00} s end to end; publishing took {publishSeconds:0.00} s)");
        Console.WriteLine($"latency (receive → created)  p50 {Percentile(0.50):0} ms   p95 {Percentile(0.95):0} ms   p99 {Percentile(0.99):0} ms   max {Percentile(1.0):0} ms");
        Console.WriteLine($"Jira API calls     {apiCalls} for {created} issues = {(double)apiCalls / Math.Max(1, created):0.000} per created issue");
        foreach (var endpoint in endpoints)
        {
            Console.WriteLine($"  {endpoint,-22} {Calls(after, endpoint) - Calls(before, endpoint)}");
        }

        Console.WriteLine($"token refreshes    {after.Refreshes - before.Refreshes}, invalid_grant {after.InvalidGrants - before.InvalidGrants}, 429s {after.Throttled.Values.Sum() - before.Throttled.Values.Sum()}");
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"memory             working set {process.WorkingSet64 / 1048576.0:0} MiB (peak {process.PeakWorkingSet64 / 1048576.0:0} MiB), " +
            $"managed heap {GC.GetTotalMemory(false) / 1048576.0:0} MiB, allocated {allocated / 1048576.0:0} MiB ({allocated / Math.Max(1, created) / 1024.0:0} KiB per issue; simulator in the same process)");
    }

    private static async Task<string> CreateDatabaseAsync(string admin)
    {
        var name = $"issuesync_bench_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50 }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string admin, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
