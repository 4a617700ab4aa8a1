using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Jobs;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("JobRuns");
        builder.Property(x => x.JobName).HasMaxLength(100);
        builder.Property(x => x.Error).HasMaxLength(4000);
        builder.HasIndex(x => new { x.JobName, x.Id });
    }
}
