using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedOnAdd();
        builder.Property(x => x.EndpointId).HasMaxLength(40);
        builder.Property(x => x.WebhookId).HasMaxLength(40);
        builder.Property(x => x.EventType).HasMaxLength(40);
        builder.Property(x => x.MessageId).HasMaxLength(40);
        builder.Property(x => x.Status).HasMaxLength(20);
        builder.Property(x => x.LeaseOwner).HasMaxLength(40);
        builder.Property(x => x.LastError).HasMaxLength(1000);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(x => x.EndpointId).OnDelete(DeleteBehavior.Cascade);
        // Due work across endpoints (dispatch, the recovery sweep); an endpoint's pending work in write order (the
        // delivery job: no sort of a backlog per batch); its log, newest first.
        builder.HasIndex(x => new { x.State, x.NextAttemptAt });
        builder.HasIndex(x => new { x.EndpointId, x.State, x.Id });
        builder.HasIndex(x => new { x.EndpointId, x.Id });
        builder.HasIndex(x => x.MessageId);
    }
}
