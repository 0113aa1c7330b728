using IssueSync.Worker.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IssueSync.Worker.Tests.Persistence;

/// <summary>
/// Every engine's migrations must describe the same model. SQL Server cannot run on the build machines, so its
/// migrations are checked by generating the script; SQLite runs in-process, so its migrations are applied for real.
/// PostgreSQL is applied for real in the integration tests.
/// </summary>
public sealed class MigrationScriptTests
{
    public static TheoryData<string> Engines => new() { "Postgres", "SqlServer", "Sqlite" };

    [Theory]
    [MemberData(nameof(Engines))]
    public void Each_engine_has_migrations_for_the_whole_model(string engine)
    {
        using var context = CreateContext(engine);
        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(),
            $"The model has changes with no {engine} migration: run eng/add-migration.sh <Name>.");
    }

    [Fact]
    public void SqlServer_script_creates_every_table_with_its_keys()
    {
        using var context = CreateContext("SqlServer");
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in new[] { "connections", "oauth_states", "commands", "command_attempts", "create_metadata_cache", "data_protection_keys" })
        {
            Assert.Contains($"CREATE TABLE [{table}]", script, StringComparison.Ordinal);
        }

        Assert.Contains("CREATE UNIQUE INDEX [IX_commands_IdempotencyKey] ON [commands] ([IdempotencyKey])", script, StringComparison.Ordinal);
        Assert.Contains("[__ef_migrations_history]", script, StringComparison.Ordinal);
        Assert.Contains("nvarchar(max)", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_script_creates_every_table()
    {
        using var context = CreateContext("Sqlite");
        var script = context.GetService<IMigrator>().GenerateScript();
        Assert.Contains("CREATE TABLE \"commands\"", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX \"IX_commands_IdempotencyKey\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_migrations_apply_to_a_fresh_database()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var builder = new DbContextOptionsBuilder<SqliteIssueSyncDbContext>();
        builder.UseSqlite(connection, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history"));
        await using var context = new SqliteIssueSyncDbContext(builder.Options);

        await context.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await context.Commands.CountAsync(TestContext.Current.CancellationToken));
    }

    private static IssueSyncDbContext CreateContext(string engine)
    {
        switch (engine)
        {
            case "Postgres":
            {
                var builder = new DbContextOptionsBuilder<PostgresIssueSyncDbContext>();
                builder.UseIssueSyncPostgres("Host=unused;Database=unused");
                return new PostgresIssueSyncDbContext(builder.Options);
            }

            case "SqlServer":
            {
                var builder = new DbContextOptionsBuilder<SqlServerIssueSyncDbContext>();
                builder.UseIssueSyncSqlServer("Server=unused;Database=unused;TrustServerCertificate=true");
                return new SqlServerIssueSyncDbContext(builder.Options);
            }

            default:
            {
                var builder = new DbContextOptionsBuilder<SqliteIssueSyncDbContext>();
                builder.UseIssueSyncSqlite("Data Source=:memory:");
                return new SqliteIssueSyncDbContext(builder.Options);
            }
        }
    }
}
