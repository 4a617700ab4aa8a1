using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Inbound;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class InboundEventConfiguration : IEntityTypeConfiguration<InboundEvent>
{
    public void Configure(EntityTypeBuilder<InboundEvent> builder)
    {
        builder.ToTable("InboundEvents");
        builder.HasKey(x => x.MessageId);
        builder.Property(x => x.MessageId).HasMaxLength(200);
        builder.Property(x => x.Event).HasMaxLength(200);
        builder.Property(x => x.UserId).HasMaxLength(256);
        builder.HasIndex(x => x.ReceivedAt);
    }
}
