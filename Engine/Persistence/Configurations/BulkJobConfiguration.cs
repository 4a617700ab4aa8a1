using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Bulk;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class BulkJobConfiguration : IEntityTypeConfiguration<BulkJob>
{
    public void Configure(EntityTypeBuilder<BulkJob> builder)
    {
        builder.ToTable("BulkJobs");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.LeaseOwner).HasMaxLength(64);

        // The recovery sweep looks for runs nobody holds.
        builder.HasIndex(x => new { x.Status, x.UpdatedAt });
    }
}
