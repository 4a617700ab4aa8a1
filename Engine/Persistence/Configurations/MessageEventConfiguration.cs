using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class MessageEventConfiguration : IEntityTypeConfiguration<MessageEvent>
{
    public void Configure(EntityTypeBuilder<MessageEvent> builder)
    {
        builder.ToTable("MessageEvents");
        builder.Property(x => x.MessageId).HasMaxLength(40);
        builder.Property(x => x.Type).HasMaxLength(64);
        builder.Property(x => x.Source).HasMaxLength(32);
        builder.Property(x => x.Provider).HasMaxLength(100);
        builder.Property(x => x.Detail).HasMaxLength(4000);
        builder.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.MessageId, x.Id });
    }
}
