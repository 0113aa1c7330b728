using IssueSync.Worker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IssueSync.Worker.Tests.Support;

/// <summary>The worker's persistence on a migrated SQLite file of its own, deleted with it.</summary>
public sealed class SqliteLedger : IAsyncDisposable
{
    private readonly string _database;

    private SqliteLedger(string database, ServiceProvider services)
    {
        _database = database;
        Services = services;
    }

    public ServiceProvider Services { get; }

    public static async Task<SqliteLedger> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var database = Path.Combine(Path.GetTempPath(), $"issuesync-{name}-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={database}",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddIssueSyncPersistence().BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>().Database.MigrateAsync(cancellationToken);
        }

        return new SqliteLedger(database, services);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-shm", _database + "-wal" })
        {
            File.Delete(file);
        }
    }
}
