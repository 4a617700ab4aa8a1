using NotificationOps.Engine.Security;

namespace NotificationOps.Dashboard.Security;

/// <summary>What a dashboard action changes, and so which roles may do it (docs/roles.md has the table).</summary>
public enum DashboardAction
{
    /// <summary>Templates, brand, audiences, automations, sends, retries, cancels and bulk operations: Editor or Admin.</summary>
    Edit,

    /// <summary>Users, API keys, providers, settings and the audit log: Admin only.</summary>
    Administer,
}

/// <summary>The roles allowed each <see cref="DashboardAction"/>.</summary>
public static class DashboardActionRoles
{
    public static IReadOnlyList<string> For(DashboardAction action) => action switch
    {
        DashboardAction.Edit => [DashboardRoles.Admin, DashboardRoles.Editor],
        DashboardAction.Administer => [DashboardRoles.Admin],
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
