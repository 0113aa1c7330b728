using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IssueSync.Worker.Persistence.Configurations;

internal sealed class CommandAttemptConfiguration : IEntityTypeConfiguration<CommandAttempt>
{
    public void Configure(EntityTypeBuilder<CommandAttempt> builder)
    {
        builder.ToTable("command_attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Outcome).HasMaxLength(60);
        builder.Property(a => a.Detail).HasMaxLength(4000);
        builder.Property(a => a.Replica).HasMaxLength(200);
        builder.HasIndex(a => new { a.CommandId, a.Number }).IsUnique();
    }
}
