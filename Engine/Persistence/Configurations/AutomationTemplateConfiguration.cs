using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Automations;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class AutomationTemplateConfiguration : IEntityTypeConfiguration<AutomationTemplate>
{
    public void Configure(EntityTypeBuilder<AutomationTemplate> builder)
    {
        builder.ToTable("AutomationTemplates");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(200);
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.TriggerEvents).HasMaxLength(2000);
        builder.Property(x => x.CancelationToken).HasMaxLength(500);
        builder.HasIndex(x => new { x.UpdatedAt, x.Id });
    }
}
