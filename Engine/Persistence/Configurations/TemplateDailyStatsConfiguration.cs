using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class TemplateDailyStatsConfiguration : IEntityTypeConfiguration<TemplateDailyStats>
{
    public void Configure(EntityTypeBuilder<TemplateDailyStats> builder)
    {
        builder.ToTable("TemplateDailyStats");
        builder.HasKey(x => new { x.Template, x.Channel, x.Day });
        builder.Property(x => x.Template).HasMaxLength(200);
        builder.Property(x => x.Channel).HasMaxLength(16);
        builder.HasIndex(x => x.Day);
    }
}
