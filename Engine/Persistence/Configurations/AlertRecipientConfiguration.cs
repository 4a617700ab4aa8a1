using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Incidents;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class AlertRecipientConfiguration : IEntityTypeConfiguration<AlertRecipient>
{
    public void Configure(EntityTypeBuilder<AlertRecipient> builder)
    {
        builder.ToTable("AlertRecipients");
        builder.Property(x => x.Kind).HasMaxLength(16);
        builder.Property(x => x.Target).HasMaxLength(500);
    }
}
