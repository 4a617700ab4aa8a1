using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("WebhookAttempts");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedOnAdd();
        builder.Property(x => x.EndpointId).HasMaxLength(40);
        builder.Property(x => x.ResponseBody).HasMaxLength(WebhookAttempt.MaxResponseChars);
        builder.Property(x => x.Error).HasMaxLength(1000);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.DeliveryId);
    }
}
