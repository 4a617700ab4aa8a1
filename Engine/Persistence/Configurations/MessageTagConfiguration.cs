using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class MessageTagConfiguration : IEntityTypeConfiguration<MessageTag>
{
    public void Configure(EntityTypeBuilder<MessageTag> builder)
    {
        builder.ToTable("MessageTags");
        builder.HasKey(x => new { x.MessageId, x.Tag });
        builder.Property(x => x.MessageId).HasMaxLength(40);
        builder.Property(x => x.Tag).HasMaxLength(200);
        builder.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.Tag, x.MessageId });
    }
}
