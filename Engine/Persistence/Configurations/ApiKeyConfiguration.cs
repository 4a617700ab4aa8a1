using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Security;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Prefix).HasMaxLength(32);
        builder.Property(x => x.Hash).HasMaxLength(64);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.Property(x => x.Scopes).HasMaxLength(100);
        builder.HasIndex(x => x.Hash).IsUnique();
        builder.Ignore(x => x.IsActive);
    }
}
