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

        // The cookie carries the role; re-checking the security stamp every minute (not Identity's 30) makes a role
        // change or a removal reach a signed-in browser's next request within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        return services;
    }

    /// <summary>Hangfire's dashboard is read-only for a Viewer: it may look at jobs, not trigger, retry or delete them.</summary>
    public static bool IsHangfireReadOnly(DashboardContext context) =>
        !RoleGuard.Allows(context.GetHttpContext().User, DashboardAction.Edit);
}
