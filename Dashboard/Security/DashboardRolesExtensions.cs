using Hangfire.Dashboard;
using Microsoft.AspNetCore.Identity;

namespace NotificationOps.Dashboard.Security;

/// <summary>Composition of the dashboard's roles: policies, the handler guard, and how soon a role change applies.</summary>
public static class DashboardRolesExtensions
{
    public static IServiceCollection AddDashboardRoles(this IServiceCollection services)
    {
        services.AddScoped<RoleGuard>();
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicies.Edit, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(DashboardActionRoles.For(DashboardAction.Edit)))
            .AddPolicy(DashboardPolicies.Administer, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(DashboardActionRoles.For(DashboardAction.Administer)));

        // The cookie carries the role; a role change renews the security stamp, which the dashboard checks on every
        // request (AddDashboardSecurity), so the next request of a signed-in browser carries the new role.
        return services;
    }

    /// <summary>Hangfire's dashboard is read-only for a Viewer: it may look at jobs, not trigger, retry or delete them.</summary>
    public static bool IsHangfireReadOnly(DashboardContext context) =>
        !RoleGuard.Allows(context.GetHttpContext().User, DashboardAction.Edit);
}
