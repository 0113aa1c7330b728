using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IssueSync.Worker.Persistence.Configurations;

internal sealed class PaceEntryConfiguration : IEntityTypeConfiguration<PaceEntry>
{
    public void Configure(EntityTypeBuilder<PaceEntry> builder)
    {
        builder.ToTable("pacing");
        builder.HasKey(p => p.Scope);
        builder.Property(p => p.Scope).HasMaxLength(PaceEntry.MaxScopeLength);
        builder.Property(p => p.PauseReason).HasMaxLength(PaceEntry.MaxReasonLength);
    }
}
