using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Incidents;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("Incidents");
        builder.Property(x => x.Title).HasMaxLength(300);
        builder.Property(x => x.Components).HasMaxLength(2000);
        builder.Property(x => x.RuleKey).HasMaxLength(200);
        builder.Property(x => x.AlertNote).HasMaxLength(500);
        builder.Ignore(x => x.ComponentIds);
        builder.HasMany(x => x.Updates).WithOne().HasForeignKey(u => u.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.StartedAt);
        builder.HasIndex(x => new { x.Status, x.RuleKey });
    }
}
