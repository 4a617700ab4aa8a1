using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Providers;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class ProviderIntegrationConfiguration : IEntityTypeConfiguration<ProviderIntegration>
{
    public void Configure(EntityTypeBuilder<ProviderIntegration> builder)
    {
        builder.ToTable("ProviderIntegrations");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(100);
        builder.Property(x => x.Type).HasMaxLength(40);
        builder.Property(x => x.Channel).HasMaxLength(32);
    }
}
