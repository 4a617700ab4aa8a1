using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class LinkDailyStatsConfiguration : IEntityTypeConfiguration<LinkDailyStats>
{
    public void Configure(EntityTypeBuilder<LinkDailyStats> builder)
    {
        builder.ToTable("LinkDailyStats");
        builder.HasKey(x => new { x.Template, x.LinkId, x.Day });
        builder.Property(x => x.Template).HasMaxLength(200);
        builder.Property(x => x.LinkId).HasMaxLength(16);
        builder.Property(x => x.Url).HasMaxLength(8000);
        builder.Property(x => x.Text).HasMaxLength(200);
    }
}
