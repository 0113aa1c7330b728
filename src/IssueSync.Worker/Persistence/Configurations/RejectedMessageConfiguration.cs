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
        builder.Property(m => m.ReasonCode).HasMaxLength(RejectedMessage.MaxReasonCodeLength);
        builder.Property(m => m.Reason).HasMaxLength(RejectedMessage.MaxReasonLength);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(RejectedMessage.MaxIdempotencyKeyLength);
        builder.Property(m => m.MessageId).HasMaxLength(RejectedMessage.MaxMessageIdLength);
        builder.Property(m => m.MessageType).HasMaxLength(RejectedMessage.MaxMessageTypeLength);
        builder.Property(m => m.ContentType).HasMaxLength(RejectedMessage.MaxContentTypeLength);
        builder.Property(m => m.InputAddress).HasMaxLength(RejectedMessage.MaxInputAddressLength);
        builder.HasIndex(m => m.ReceivedAt);
        builder.HasIndex(m => m.ReasonCode);
    }
}
