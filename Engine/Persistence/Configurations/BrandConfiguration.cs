using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Persistence.Configurations;

public sealed class BrandConfiguration : IEntityTypeConfiguration<Brand>
{
    public void Configure(EntityTypeBuilder<Brand> builder)
    {
        builder.ToTable("Brands");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.LogoUrl).HasMaxLength(2000);
        builder.Property(x => x.PrimaryColor).HasMaxLength(7);
        builder.Property(x => x.BackgroundColor).HasMaxLength(7);
        builder.Property(x => x.FooterHtml).HasMaxLength(10000);
        builder.Property(x => x.UpdatedBy).HasMaxLength(320);
    }
}
