using IssueSync.Worker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Hosting;

/// <summary>
/// Applies the configured engine's migrations: once at start when <c>Database:MigrateOnStartup</c> is set (the
/// single-process default), or as the whole job of <c>IssueSync.Worker migrate</c> (the Kubernetes Job).
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateOrThrowAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException || TransientDatabaseFault.Is(ex))
        {
            throw new StartupException($"{DatabaseOptions.SectionName}:ConnectionString",
                $"the {options.Value.Provider} database could not be migrated: {ex.GetBaseException().Message} " +
                $"Check the connection string ({DatabaseOptions.SectionName}:Provider is {options.Value.Provider}) and that the server accepts connections.", ex);
        }
    }

    private async Task MigrateOrThrowAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("The {Provider} database is up to date", options.Value.Provider);
            return;
        }

        logger.LogInformation("Applying {Count} migration(s) to the {Provider} database: {Migrations}", pending.Count, options.Value.Provider, pending);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
