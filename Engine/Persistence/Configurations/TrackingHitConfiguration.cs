using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class TrackingHitConfiguration : IEntityTypeConfiguration<TrackingHit>
{
    public void Configure(EntityTypeBuilder<TrackingHit> builder)
    {
        builder.ToTable("TrackingHits");
        builder.Property(x => x.MessageId).HasMaxLength(40);
        builder.Property(x => x.LinkId).HasMaxLength(16);
        builder.Property(x => x.Method).HasMaxLength(8);
        builder.Property(x => x.UserAgent).HasMaxLength(512);
        builder.Property(x => x.ClientIp).HasMaxLength(64);
        builder.Property(x => x.MachineReason).HasMaxLength(200);
        builder.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        // The message detail lists a message's hits; the aggregation asks whether a message or link was hit before.
        builder.HasIndex(x => new { x.MessageId, x.Kind, x.LinkId, x.Id });
    }
}
