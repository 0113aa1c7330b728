using IssueSync.Worker.Persistence;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IssueSyncDbContext"/> on the engine chosen by <c>Database:Provider</c>
    /// (its own migrations come with it) and validates the options at start.
    /// </summary>
    public static IServiceCollection AddIssueSyncPersistence(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Each engine has its own context type (it owns that engine's migrations); the configured one is
        // what the rest of the worker gets as IssueSyncDbContext. Pooled: every message and every attempt opens a
        // scope, and building a context per scope was a measurable share of the per-command CPU (bench/REPORT.md).
        services.AddDbContextPool<PostgresIssueSyncDbContext>((sp, b) => b.UseIssueSyncPostgres(ConnectionString(sp)));
        services.AddDbContextPool<SqlServerIssueSyncDbContext>((sp, b) => b.UseIssueSyncSqlServer(ConnectionString(sp)));
        services.AddDbContextPool<SqliteIssueSyncDbContext>((sp, b) => b.UseIssueSyncSqlite(ConnectionString(sp)));
        services.AddScoped<IssueSyncDbContext>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
        {
            DatabaseProvider.Postgres => sp.GetRequiredService<PostgresIssueSyncDbContext>(),
            DatabaseProvider.SqlServer => sp.GetRequiredService<SqlServerIssueSyncDbContext>(),
            DatabaseProvider.Sqlite => sp.GetRequiredService<SqliteIssueSyncDbContext>(),
            var other => throw new InvalidOperationException($"Unknown database provider '{other}'."),
        });

        return services;
    }

    private static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
}
