using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NotificationOps.Engine.Security;

namespace NotificationOps.Engine.Persistence.Configurations;

/// <summary>The three dashboard roles exist in every store, seeded by migration with fixed ids and stamps.</summary>
public sealed class IdentityRoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder) => builder.HasData(
        Role(DashboardRoles.AdminId, DashboardRoles.Admin),
        Role(DashboardRoles.EditorId, DashboardRoles.Editor),
        Role(DashboardRoles.ViewerId, DashboardRoles.Viewer));

    private static IdentityRole Role(string id, string name) =>
        new() { Id = id, Name = name, NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = id };
}
