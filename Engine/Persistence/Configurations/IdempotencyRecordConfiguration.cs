using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");
        builder.Property(x => x.Scope).HasMaxLength(64);
        builder.Property(x => x.Key).HasMaxLength(256);
        builder.Property(x => x.RequestHash).HasMaxLength(64);
        builder.Property(x => x.ResponseContentType).HasMaxLength(100);
        // The unique pair is the lock: of two concurrent requests with one key, only one insert succeeds.
        builder.HasIndex(x => new { x.Scope, x.Key }).IsUnique();
        builder.HasIndex(x => x.ExpiresAt);
    }
}
