using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> builder)
    {
        builder.ToTable("DeliveryAttempts");
        builder.Property(x => x.MessageId).HasMaxLength(40);
        builder.Property(x => x.Channel).HasMaxLength(32);
        builder.Property(x => x.Provider).HasMaxLength(100);
        builder.Property(x => x.ErrorClass).HasMaxLength(32);
        builder.Property(x => x.Error).HasMaxLength(2000);
        builder.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.MessageId, x.Number });
        // The health rules read the last minutes of attempts every few seconds (docs/operations.md).
        builder.HasIndex(x => x.StartedAt);
    }
}
