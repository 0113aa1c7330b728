using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IssueSync.Worker.Persistence.Configurations;

internal sealed class JiraConnectionConfiguration : IEntityTypeConfiguration<JiraConnection>
{
    public void Configure(EntityTypeBuilder<JiraConnection> builder)
    {
        builder.ToTable("connections");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(JiraConnection.MaxNameLength).IsRequired();
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.AtlassianAccountId).HasMaxLength(JiraConnection.MaxAccountIdLength);
        builder.Property(c => c.AtlassianAccountName).HasMaxLength(JiraConnection.MaxAccountNameLength);
        builder.Property(c => c.PendingAtlassianAccountId).HasMaxLength(JiraConnection.MaxAccountIdLength);
        builder.Property(c => c.PendingAtlassianAccountName).HasMaxLength(JiraConnection.MaxAccountNameLength);
        builder.Property(c => c.ProtectedAccessToken).HasMaxLength(8000);
        builder.Property(c => c.ProtectedRefreshToken).HasMaxLength(8000);
        builder.Property(c => c.Scopes).HasMaxLength(1000);
        builder.Property(c => c.CloudId).HasMaxLength(64);
        builder.Property(c => c.SiteUrl).HasMaxLength(500);
        builder.Property(c => c.SiteName).HasMaxLength(255);
        builder.Property(c => c.AvailableSitesJson).HasMaxLength(16000);
        builder.Property(c => c.StatusReason).HasMaxLength(JiraConnection.MaxStatusReasonLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
