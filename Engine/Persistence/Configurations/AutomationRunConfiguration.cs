using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Automations;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class AutomationRunConfiguration : IEntityTypeConfiguration<AutomationRun>
{
    public void Configure(EntityTypeBuilder<AutomationRun> builder)
    {
        builder.ToTable("AutomationRuns");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(40);
        builder.Property(x => x.TemplateId).HasMaxLength(200);
        builder.Property(x => x.Recipient).HasMaxLength(256);
        builder.Property(x => x.MessageTemplate).HasMaxLength(200);
        builder.Property(x => x.Brand).HasMaxLength(200);
        builder.Property(x => x.CancelationToken).HasMaxLength(500);
        builder.Property(x => x.LeaseOwner).HasMaxLength(32);
        builder.Property(x => x.FailedJobId).HasMaxLength(100);
        builder.Property(x => x.Error).HasMaxLength(2000);
        // A cancel (by token or by id) changes the status under a running job: the job's next write then fails
        // its optimistic check instead of writing RUNNING over CANCELED.
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();

        // The recovery sweep: due and unheld. The runs grid: newest first, by status, template, recipient.
        builder.HasIndex(x => new { x.Status, x.NextDueAt });
        builder.HasIndex(x => new { x.CreatedAt, x.Id });
        builder.HasIndex(x => new { x.TemplateId, x.CreatedAt });
        builder.HasIndex(x => new { x.Recipient, x.CreatedAt });
        builder.HasIndex(x => x.CancelationToken);
    }
}
