using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IssueSync.Worker.Persistence.Configurations;

internal sealed class RejectedMessageConfiguration : IEntityTypeConfiguration<RejectedMessage>
{
    public void Configure(EntityTypeBuilder<RejectedMessage> builder)
    {
        builder.ToTable("rejected_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.ReasonCode).HasMaxLength(60);
        builder.Property(m => m.Reason).HasMaxLength(4000);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(200);
        builder.Property(m => m.MessageId).HasMaxLength(100);
        builder.Property(m => m.MessageType).HasMaxLength(500);
        builder.Property(m => m.ContentType).HasMaxLength(200);
        builder.Property(m => m.InputAddress).HasMaxLength(500);
        builder.HasIndex(m => m.ReceivedAt);
        builder.HasIndex(m => m.ReasonCode);
    }
}
