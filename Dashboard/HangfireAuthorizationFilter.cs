using Hangfire.Dashboard;

namespace NotificationOps.Dashboard;

/// <summary>Admits signed-in dashboard users only (the endpoint also requires the login, this is the second lock).</summary>
public sealed class HangfireAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User.Identity?.IsAuthenticated == true;
}
