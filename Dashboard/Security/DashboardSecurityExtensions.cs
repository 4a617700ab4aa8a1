using Microsoft.AspNetCore.Identity;
using NotificationOps.Engine.Hosting;

namespace NotificationOps.Dashboard.Security;

/// <summary>The dashboard's hardening, composed in one place: forwarded headers, security headers, session checks.</summary>
public static class DashboardSecurityExtensions
{
    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services)
    {
        // Every request checks the cookie's security stamp against the store, so signing out (which renews the
        // stamp) ends the session for every copy of the cookie at once, not at the next 30-minute check.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        return services;
    }

    /// <summary>First in the pipeline, so the scheme and client address are right for all that follows.</summary>
    public static WebApplication UseDashboardSecurity(this WebApplication app)
    {
        app.UseNotificationForwardedHeaders();
        app.UseSecurityHeaders();
        return app;
    }
}
