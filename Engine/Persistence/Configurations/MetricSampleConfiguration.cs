using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Observability;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class MetricSampleConfiguration : IEntityTypeConfiguration<MetricSample>
{
    public void Configure(EntityTypeBuilder<MetricSample> builder)
    {
        builder.ToTable("MetricSamples");
        builder.Property(x => x.Name).HasMaxLength(64);
        builder.Property(x => x.Label).HasMaxLength(100);
        // One value per series and bucket: a second evaluation of the same minute updates it.
        builder.HasIndex(x => new { x.ResolutionSeconds, x.Name, x.Label, x.BucketStart }).IsUnique();
        builder.HasIndex(x => new { x.ResolutionSeconds, x.BucketStart });
    }
}
