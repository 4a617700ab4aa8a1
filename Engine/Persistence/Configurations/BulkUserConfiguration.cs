using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Bulk;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class BulkUserConfiguration : IEntityTypeConfiguration<BulkUser>
{
    public void Configure(EntityTypeBuilder<BulkUser> builder)
    {
        builder.ToTable("BulkUsers");
        // The key is also the keyset of the users page and of the run.
        builder.HasKey(x => new { x.JobId, x.Index });
        builder.Property(x => x.JobId).HasMaxLength(64);
        builder.Property(x => x.MessageId).HasMaxLength(64);
        builder.HasOne<BulkJob>().WithMany().HasForeignKey(x => x.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
