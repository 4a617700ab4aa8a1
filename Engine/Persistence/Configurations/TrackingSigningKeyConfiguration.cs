using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class TrackingSigningKeyConfiguration : IEntityTypeConfiguration<TrackingSigningKey>
{
    public void Configure(EntityTypeBuilder<TrackingSigningKey> builder)
    {
        builder.ToTable("TrackingSigningKeys");
        builder.Property(x => x.Id).ValueGeneratedNever();
    }
}
