using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Preferences;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class UserTopicPreferenceConfiguration : IEntityTypeConfiguration<UserTopicPreference>
{
    public void Configure(EntityTypeBuilder<UserTopicPreference> builder)
    {
        builder.ToTable("UserTopicPreferences");
        builder.HasKey(x => new { x.UserId, x.TopicId });
        builder.HasIndex(x => x.TopicId);
        builder.Property(x => x.UserId).HasMaxLength(256);
        builder.Property(x => x.TopicId).HasMaxLength(255);
        builder.Property(x => x.CustomRouting).HasMaxLength(100);
    }
}
