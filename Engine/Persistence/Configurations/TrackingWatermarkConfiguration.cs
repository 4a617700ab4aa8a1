using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class TrackingWatermarkConfiguration : IEntityTypeConfiguration<TrackingWatermark>
{
    public void Configure(EntityTypeBuilder<TrackingWatermark> builder)
    {
        builder.ToTable("TrackingWatermarks");
        builder.HasKey(x => x.Source);
        builder.Property(x => x.Source).HasMaxLength(32);
        // Two runs stepping at once must not both count the same rows: the second to save fails and rolls back.
        builder.Property(x => x.LastId).IsConcurrencyToken();
    }
}
