using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Persistence;

/// <summary>One place that says how each engine is configured, shared by the host, the design-time factories and tests.</summary>
public static class DbContextOptionsBuilderExtensions
{
    public static DbContextOptionsBuilder UseIssueSyncPostgres(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"));

    public static DbContextOptionsBuilder UseIssueSyncSqlServer(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlServer(connectionString, sql => sql.MigrationsHistoryTable("__ef_migrations_history"));

    public static DbContextOptionsBuilder UseIssueSyncSqlite(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history"));

    public static DbContextOptionsBuilder UseIssueSync(this DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Postgres => builder.UseIssueSyncPostgres(connectionString),
            DatabaseProvider.SqlServer => builder.UseIssueSyncSqlServer(connectionString),
            DatabaseProvider.Sqlite => builder.UseIssueSyncSqlite(connectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
}
