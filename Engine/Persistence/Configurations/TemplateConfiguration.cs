using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class TemplateConfiguration : IEntityTypeConfiguration<Template>
{
    public void Configure(EntityTypeBuilder<Template> builder)
    {
        builder.ToTable("Templates");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(40);
        builder.Property(x => x.Alias).HasMaxLength(64);
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Tags).HasMaxLength(1000);
        builder.Ignore(x => x.HasDraft);
        builder.Ignore(x => x.TagList);
        // A deleted template frees its alias; messages that used it keep its id.
        builder.HasIndex(x => x.Alias).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
        builder.HasIndex(x => new { x.UpdatedAt, x.Id });
    }
}
