using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Audiences;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class AudienceConfiguration : IEntityTypeConfiguration<Audience>
{
    public void Configure(EntityTypeBuilder<Audience> builder)
    {
        builder.ToTable("Audiences");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(255);
        builder.Property(x => x.Name).HasMaxLength(255);
        builder.Property(x => x.Operator).HasMaxLength(3);
        builder.Property(x => x.CalcAfterUserId).HasMaxLength(256);
    }
}
