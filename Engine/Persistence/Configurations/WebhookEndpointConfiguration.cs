using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("WebhookEndpoints");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(40);
        builder.Property(x => x.Url).HasMaxLength(2048);
        builder.Property(x => x.Description).HasMaxLength(500);
        builder.Property(x => x.Events).HasMaxLength(500);
        builder.Property(x => x.DisabledReason).HasMaxLength(500);
    }
}
