using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IssueSync.Worker.Persistence.Configurations;

internal sealed class OAuthStateConfiguration : IEntityTypeConfiguration<OAuthState>
{
    public void Configure(EntityTypeBuilder<OAuthState> builder)
    {
        builder.ToTable("oauth_states");
        builder.HasKey(s => s.StateHash);
        builder.Property(s => s.StateHash).HasMaxLength(64);
        builder.HasIndex(s => s.ExpiresAt);
    }
}
