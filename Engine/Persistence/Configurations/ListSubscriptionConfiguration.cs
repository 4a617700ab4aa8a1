using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class ListSubscriptionConfiguration : IEntityTypeConfiguration<ListSubscription>
{
    public void Configure(EntityTypeBuilder<ListSubscription> builder)
    {
        builder.ToTable("ListSubscriptions");

        // (ListId, UserId) is the keyset a list's subscribers page and fan out over; (UserId, ListId) serves a profile's lists.
        builder.HasKey(x => new { x.ListId, x.UserId });
        builder.HasIndex(x => new { x.UserId, x.ListId });
        builder.Property(x => x.ListId).HasMaxLength(255);
        builder.Property(x => x.UserId).HasMaxLength(256);
        builder.HasOne<SubscriptionList>().WithMany().HasForeignKey(x => x.ListId).OnDelete(DeleteBehavior.Cascade);
    }
}
