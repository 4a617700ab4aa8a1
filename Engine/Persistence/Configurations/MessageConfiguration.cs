using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("Messages");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(40);
        builder.Property(x => x.RequestId).HasMaxLength(40);
        builder.Property(x => x.Recipient).HasMaxLength(320);
        builder.Property(x => x.RecipientUserId).HasMaxLength(256);
        builder.Property(x => x.RecipientEmail).HasMaxLength(320);
        builder.Property(x => x.RecipientPhone).HasMaxLength(32);
        builder.Property(x => x.Template).HasMaxLength(200);
        builder.Property(x => x.TemplateId).HasMaxLength(40);
        builder.Property(x => x.Channel).HasMaxLength(32);
        builder.Property(x => x.Provider).HasMaxLength(100);
        builder.Property(x => x.ProviderMessageId).HasMaxLength(256);
        builder.Property(x => x.Error).HasMaxLength(2000);
        builder.Property(x => x.Tags).HasMaxLength(2000);
        builder.Property(x => x.TraceId).HasMaxLength(200);
        builder.Property(x => x.LeaseOwner).HasMaxLength(32);
        builder.Ignore(x => x.EmailMessageId);

        // Every list is newest first with a keyset cursor on (EnqueuedAt, Id); each filter has its own prefix.
        builder.HasIndex(x => new { x.EnqueuedAt, x.Id });
        builder.HasIndex(x => new { x.Status, x.EnqueuedAt, x.Id });
        builder.HasIndex(x => new { x.Provider, x.EnqueuedAt, x.Id });
        builder.HasIndex(x => new { x.Recipient, x.EnqueuedAt, x.Id });
        builder.HasIndex(x => new { x.Template, x.EnqueuedAt, x.Id });
        builder.HasIndex(x => new { x.Channel, x.EnqueuedAt, x.Id });
        builder.HasIndex(x => x.RequestId);
        builder.HasIndex(x => x.TraceId);
        builder.HasIndex(x => x.ProviderMessageId);
        // The recovery sweep's question: what is due? Only rows with a pending attempt are in this index.
        builder.HasIndex(x => x.NextAttemptAt).HasFilter("\"NextAttemptAt\" IS NOT NULL");
    }
}
