namespace NotificationOps.Dashboard.Security;

/// <summary>Authorization policies for dashboard pages and cookie-authenticated endpoints.</summary>
public static class DashboardPolicies
{
    /// <summary>Editor or Admin.</summary>
    public const string Edit = "Dashboard:Edit";

    /// <summary>Admin only.</summary>
    public const string Administer = "Dashboard:Administer";
}
