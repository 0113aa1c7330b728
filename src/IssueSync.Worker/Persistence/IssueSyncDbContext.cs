using IssueSync.Worker.Persistence.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IssueSync.Worker.Persistence;

/// <summary>
/// The worker's database: connections, the command ledger, the create-metadata cache and the Data Protection
/// key ring shared by every replica. The model is provider-neutral; each supported engine has a subclass that
/// owns that engine's migrations (<see cref="PostgresIssueSyncDbContext"/>, <see cref="SqlServerIssueSyncDbContext"/>,
/// <see cref="SqliteIssueSyncDbContext"/>).
/// </summary>
public abstract class IssueSyncDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<JiraConnection> Connections => Set<JiraConnection>();

    public DbSet<OAuthState> OAuthStates => Set<OAuthState>();

    public DbSet<IssueCommand> Commands => Set<IssueCommand>();

    public DbSet<CommandAttempt> CommandAttempts => Set<CommandAttempt>();

    public DbSet<CreateMetadataCacheEntry> CreateMetadata => Set<CreateMetadataCacheEntry>();

    public DbSet<RejectedMessage> RejectedMessages => Set<RejectedMessage>();

    public DbSet<PaceEntry> Pacing => Set<PaceEntry>();

    public DbSet<ReplicaHeartbeat> Replicas => Set<ReplicaHeartbeat>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IssueSyncDbContext).Assembly);
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Every timestamp is UTC. SQLite and SQL Server hand DateTime back as Unspecified; make that explicit.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Version is the optimistic concurrency token of connections and commands; it works the same on all engines.
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Modified)
            {
                continue;
            }

            switch (entry.Entity)
            {
                case JiraConnection connection:
                    connection.Version++;
                    break;
                case IssueCommand command:
                    command.Version++;
                    break;
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
