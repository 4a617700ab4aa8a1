using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Audit;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Actor).HasMaxLength(320);
        builder.Property(x => x.Action).HasMaxLength(64);
        builder.Property(x => x.SubjectType).HasMaxLength(64);
        builder.Property(x => x.SubjectId).HasMaxLength(64);
        builder.Property(x => x.SubjectName).HasMaxLength(200);
        builder.Property(x => x.Detail).HasMaxLength(4000);
        // The Audit tab filtered to one subject pages by id within it.
        builder.HasIndex(x => new { x.SubjectId, x.Id });
    }
}
