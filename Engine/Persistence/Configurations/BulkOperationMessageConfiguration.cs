using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Operations;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class BulkOperationMessageConfiguration : IEntityTypeConfiguration<BulkOperationMessage>
{
    public void Configure(EntityTypeBuilder<BulkOperationMessage> builder)
    {
        builder.ToTable("BulkOperationMessages");
        // Operation first: both questions asked of this table ("its messages", "is this message one of them") start there.
        builder.HasKey(x => new { x.OperationId, x.MessageId });
        builder.Property(x => x.OperationId).HasMaxLength(40);
        builder.Property(x => x.MessageId).HasMaxLength(40);
        builder.HasOne<BulkOperation>().WithMany().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Cascade);
    }
}
