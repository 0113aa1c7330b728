using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IssueSync.Worker.Persistence.Configurations;

internal sealed class CreateMetadataCacheEntryConfiguration : IEntityTypeConfiguration<CreateMetadataCacheEntry>
{
    public void Configure(EntityTypeBuilder<CreateMetadataCacheEntry> builder)
    {
        builder.ToTable("create_metadata_cache");
        builder.HasKey(m => new { m.CloudId, m.AccountId, m.ProjectKey, m.IssueTypeId });
        builder.Property(m => m.CloudId).HasMaxLength(64);
        builder.Property(m => m.AccountId).HasMaxLength(CreateMetadataCacheEntry.MaxAccountLength);
        builder.Property(m => m.ProjectKey).HasMaxLength(100);
        builder.Property(m => m.IssueTypeId).HasMaxLength(50);
    }
}
