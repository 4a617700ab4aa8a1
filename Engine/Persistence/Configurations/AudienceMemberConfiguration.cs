using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Audiences;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class AudienceMemberConfiguration : IEntityTypeConfiguration<AudienceMember>
{
    public void Configure(EntityTypeBuilder<AudienceMember> builder)
    {
        builder.ToTable("AudienceMembers");

        // The keyset members page and fan out over; the user index serves a profile's audiences and incremental updates.
        builder.HasKey(x => new { x.AudienceId, x.Version, x.UserId });
        builder.HasIndex(x => x.UserId);
        builder.Property(x => x.AudienceId).HasMaxLength(255);
        builder.Property(x => x.UserId).HasMaxLength(256);
        builder.Property(x => x.Reason).HasMaxLength(100);
        builder.HasOne<Audience>().WithMany().HasForeignKey(x => x.AudienceId).OnDelete(DeleteBehavior.Cascade);
    }
}
