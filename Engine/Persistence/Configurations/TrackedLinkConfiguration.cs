using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class TrackedLinkConfiguration : IEntityTypeConfiguration<TrackedLink>
{
    public void Configure(EntityTypeBuilder<TrackedLink> builder)
    {
        builder.ToTable("TrackedLinks");
        builder.HasKey(x => new { x.MessageId, x.LinkId });
        builder.Property(x => x.MessageId).HasMaxLength(40);
        builder.Property(x => x.LinkId).HasMaxLength(16);
        builder.Property(x => x.Url).HasMaxLength(8000);
        builder.Property(x => x.Text).HasMaxLength(200);
        builder.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
