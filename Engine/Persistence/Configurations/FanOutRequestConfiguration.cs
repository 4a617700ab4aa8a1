using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class FanOutRequestConfiguration : IEntityTypeConfiguration<FanOutRequest>
{
    public void Configure(EntityTypeBuilder<FanOutRequest> builder)
    {
        builder.ToTable("FanOutRequests");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(64);
        builder.Property(x => x.TemplateId).HasMaxLength(64);
        builder.Property(x => x.ListId).HasMaxLength(255);
        builder.Property(x => x.AfterUserId).HasMaxLength(256);
        builder.Property(x => x.LeaseOwner).HasMaxLength(64);

        // The recovery sweep looks for unfinished expansions.
        builder.HasIndex(x => new { x.Status, x.UpdatedAt });
    }
}
