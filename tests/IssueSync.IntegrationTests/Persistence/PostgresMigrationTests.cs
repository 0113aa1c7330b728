using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IssueSync.IntegrationTests.Persistence;

public sealed class PostgresMigrationTests(IntegrationServices services)
{
    [Fact]
    public async Task Migrations_apply_to_a_fresh_database_and_leave_nothing_pending()
    {
        var connectionString = await services.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using var context = CreateContext(connectionString);

        Assert.Empty(await context.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        await context.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await context.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        var tables = await TablesAsync(connectionString);
        Assert.Superset(new HashSet<string> { "connections", "oauth_states", "commands", "command_attempts", "create_metadata_cache", "data_protection_keys", "__ef_migrations_history" }, tables);
    }

    [Fact]
    public async Task Migrating_twice_is_a_no_op()
    {
        var connectionString = await services.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using (var first = CreateContext(connectionString))
        {
            await first.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }

        await using var second = CreateContext(connectionString);
        await second.Database.MigrateAsync(TestContext.Current.CancellationToken);
        Assert.Equal(second.Database.GetMigrations(), await second.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_ledger_refuses_a_second_row_for_the_same_idempotency_key()
    {
        var connectionString = await services.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using (var setup = CreateContext(connectionString))
        {
            await setup.Database.MigrateAsync(TestContext.Current.CancellationToken);
            setup.Commands.Add(NewCommand("order-42"));
            await setup.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var context = CreateContext(connectionString);
        context.Commands.Add(NewCommand("order-42"));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync(TestContext.Current.CancellationToken));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task A_stale_connection_row_cannot_overwrite_a_newer_one()
    {
        var connectionString = await services.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        var id = Guid.NewGuid();
        await using (var setup = CreateContext(connectionString))
        {
            await setup.Database.MigrateAsync(TestContext.Current.CancellationToken);
            setup.Connections.Add(new JiraConnection { Id = id, Name = "tenant-a", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            await setup.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var replicaA = CreateContext(connectionString);
        await using var replicaB = CreateContext(connectionString);
        var seenByA = await replicaA.Connections.SingleAsync(c => c.Id == id, TestContext.Current.CancellationToken);
        var seenByB = await replicaB.Connections.SingleAsync(c => c.Id == id, TestContext.Current.CancellationToken);

        seenByA.ProtectedRefreshToken = "rotated-by-a";
        await replicaA.SaveChangesAsync(TestContext.Current.CancellationToken);

        seenByB.ProtectedRefreshToken = "stale-write-by-b";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => replicaB.SaveChangesAsync(TestContext.Current.CancellationToken));

        await using var check = CreateContext(connectionString);
        Assert.Equal("rotated-by-a", (await check.Connections.SingleAsync(c => c.Id == id, TestContext.Current.CancellationToken)).ProtectedRefreshToken);
    }

    private static PostgresIssueSyncDbContext CreateContext(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PostgresIssueSyncDbContext>();
        builder.UseIssueSyncPostgres(connectionString);
        return new PostgresIssueSyncDbContext(builder.Options);
    }

    private static IssueCommand NewCommand(string key) => IssueCommand.Admit(
        new AdmittedCommand(key, new string('a', 64), "{}", null, null, null, null, "issuesync-test", null), DateTime.UtcNow, "test",
        Microsoft.Extensions.DependencyInjection.LedgerServiceCollectionExtensions.Rules(new IssueSync.Worker.Options.WorkerOptions()));

    private static async Task<HashSet<string>> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new HashSet<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
