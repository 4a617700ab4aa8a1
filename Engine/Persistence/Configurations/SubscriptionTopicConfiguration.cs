using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Preferences;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class SubscriptionTopicConfiguration : IEntityTypeConfiguration<SubscriptionTopic>
{
    public void Configure(EntityTypeBuilder<SubscriptionTopic> builder)
    {
        builder.ToTable("SubscriptionTopics");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(255);
        builder.Property(x => x.Name).HasMaxLength(255);
        builder.Property(x => x.Section).HasMaxLength(255);
        builder.Property(x => x.DefaultChannels).HasMaxLength(100);
    }
}
