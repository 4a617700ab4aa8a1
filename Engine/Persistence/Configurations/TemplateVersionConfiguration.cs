using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class TemplateVersionConfiguration : IEntityTypeConfiguration<TemplateVersion>
{
    public void Configure(EntityTypeBuilder<TemplateVersion> builder)
    {
        builder.ToTable("TemplateVersions");
        builder.HasKey(x => new { x.TemplateId, x.Number });
        builder.Property(x => x.TemplateId).HasMaxLength(40);
        builder.Property(x => x.Author).HasMaxLength(320);
        builder.Property(x => x.PublishedBy).HasMaxLength(320);
        builder.Property(x => x.Note).HasMaxLength(200);
        builder.HasOne<Template>().WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}
