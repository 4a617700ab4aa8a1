namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>The app as a new user first meets it: no users, no keys.</summary>
public sealed class EmptyDashboardFactory : DashboardFactory
{
    protected override bool Bootstrap => false;
}
