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
        builder.Property(a => a.Outcome).HasMaxLength(CommandAttempt.MaxOutcomeLength);
        builder.Property(a => a.Detail).HasMaxLength(CommandAttempt.MaxDetailLength);
        builder.Property(a => a.Replica).HasMaxLength(CommandAttempt.MaxReplicaLength);
        builder.HasIndex(a => new { a.CommandId, a.Number }).IsUnique();
    }
}
