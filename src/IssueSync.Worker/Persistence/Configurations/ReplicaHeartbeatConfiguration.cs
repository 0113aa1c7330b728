using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IssueSync.Worker.Persistence.Configurations;

internal sealed class ReplicaHeartbeatConfiguration : IEntityTypeConfiguration<ReplicaHeartbeat>
{
    public void Configure(EntityTypeBuilder<ReplicaHeartbeat> builder)
    {
        builder.ToTable("replicas");
        builder.HasKey(r => r.Name);
        builder.Property(r => r.Name).HasMaxLength(ReplicaHeartbeat.MaxNameLength);
    }
}
