using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Providers.Webhooks;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class ProviderWebhookReceiptConfiguration : IEntityTypeConfiguration<ProviderWebhookReceipt>
{
    public void Configure(EntityTypeBuilder<ProviderWebhookReceipt> builder)
    {
        builder.ToTable("ProviderWebhookReceipts");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Scope).HasMaxLength(40);
        builder.Property(x => x.Key).HasMaxLength(300);
        builder.Property(x => x.MessageId).HasMaxLength(40);
        // The dedupe itself: a second insert of the same event fails, even from a concurrent request.
        builder.HasIndex(x => new { x.Scope, x.Key }).IsUnique();
    }
}
