using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Incidents;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class IncidentUpdateConfiguration : IEntityTypeConfiguration<IncidentUpdate>
{
    public void Configure(EntityTypeBuilder<IncidentUpdate> builder)
    {
        builder.ToTable("IncidentUpdates");
        builder.Property(x => x.Body).HasMaxLength(4000);
        builder.Property(x => x.Author).HasMaxLength(256);
        builder.HasIndex(x => new { x.IncidentId, x.At });
    }
}
