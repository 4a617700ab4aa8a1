using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class SubscriptionListConfiguration : IEntityTypeConfiguration<SubscriptionList>
{
    public void Configure(EntityTypeBuilder<SubscriptionList> builder)
    {
        builder.ToTable("Lists");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(255);
        builder.Property(x => x.Name).HasMaxLength(255);
    }
}
