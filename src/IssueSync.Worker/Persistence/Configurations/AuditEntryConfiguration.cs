using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IssueSync.Worker.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(AuditEntry.MaxActorLength);
        builder.Property(a => a.Role).HasMaxLength(AuditEntry.MaxRoleLength);
        builder.Property(a => a.Action).HasMaxLength(AuditEntry.MaxActionLength);
        builder.Property(a => a.Target).HasMaxLength(AuditEntry.MaxTargetLength);
        builder.Property(a => a.Detail).HasMaxLength(AuditEntry.MaxDetailLength);
        builder.Property(a => a.Surface).HasMaxLength(AuditEntry.MaxSurfaceLength);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.CommandId, a.At });
    }
}
