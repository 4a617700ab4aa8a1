using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class TrackingHitOverflowConfiguration : IEntityTypeConfiguration<TrackingHitOverflow>
{
    public void Configure(EntityTypeBuilder<TrackingHitOverflow> builder)
    {
        builder.ToTable("TrackingHitOverflows");
        builder.Property(x => x.MessageId).HasMaxLength(40);
        builder.Property(x => x.LinkId).HasMaxLength(16);
        builder.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.MessageId, x.Kind, x.LinkId, x.Minute, x.Machine }).IsUnique();
        // The aggregation looks for rows with hits it has not counted yet; two runs must not both count them.
        builder.Property(x => x.Aggregated).IsConcurrencyToken();
    }
}
