using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Automations;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class AutomationRunStepConfiguration : IEntityTypeConfiguration<AutomationRunStep>
{
    public void Configure(EntityTypeBuilder<AutomationRunStep> builder)
    {
        builder.ToTable("AutomationRunSteps");
        builder.HasKey(x => new { x.RunId, x.Index });
        builder.Property(x => x.RunId).HasMaxLength(40);
        builder.Property(x => x.Action).HasMaxLength(32);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Error).HasMaxLength(2000);
        builder.Property(x => x.MessageId).HasMaxLength(40);
        builder.HasOne<AutomationRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.MessageId);
    }
}
