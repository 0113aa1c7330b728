using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IssueSync.Worker.Persistence.Configurations;

internal sealed class IssueCommandConfiguration : IEntityTypeConfiguration<IssueCommand>
{
    public void Configure(EntityTypeBuilder<IssueCommand> builder)
    {
        builder.ToTable("commands");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.IdempotencyKey).HasMaxLength(IssueCommand.MaxIdempotencyKeyLength).IsRequired();
        builder.HasIndex(c => c.IdempotencyKey).IsUnique();
        builder.Property(c => c.ContentHash).HasMaxLength(64).IsRequired();
        builder.Property(c => c.ConnectionName).HasMaxLength(IssueCommand.MaxConnectionNameLength);
        builder.Property(c => c.ProjectKey).HasMaxLength(IssueCommand.MaxProjectKeyLength);
        builder.Property(c => c.Summary).HasMaxLength(IssueCommand.MaxSummaryLength);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.LeaseOwner).HasMaxLength(IssueCommand.MaxLeaseOwnerLength);
        builder.Property(c => c.DedupeLabel).HasMaxLength(255);
        builder.Property(c => c.CloudId).HasMaxLength(64);
        builder.Property(c => c.JiraIssueKey).HasMaxLength(100);
        builder.Property(c => c.JiraIssueId).HasMaxLength(50);
        builder.Property(c => c.ReasonCode).HasMaxLength(IssueCommand.MaxReasonCodeLength);
        builder.Property(c => c.LastError).HasMaxLength(IssueCommand.MaxLastErrorLength);
        builder.Property(c => c.CorrelationId).HasMaxLength(IssueCommand.MaxCorrelationIdLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        // The dispatcher's query: due work by state and time.
        builder.HasIndex(c => new { c.State, c.NextAttemptAt });
        builder.HasIndex(c => new { c.ConnectionName, c.State });
        builder.HasIndex(c => c.ReceivedAt);
        builder.HasMany(c => c.AttemptLog).WithOne().HasForeignKey(a => a.CommandId).OnDelete(DeleteBehavior.Cascade);
    }
}
