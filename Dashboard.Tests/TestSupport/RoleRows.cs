using NotificationOps.Engine.Security;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>
/// The rows of a role test: every action of a page against every role, with whether the role may do it. The allowed
/// roles are written out by each test, not read from the product's table, so a wrong table fails here.
/// </summary>
public static class RoleRows
{
    public static TheoryData<string, string, bool> For(IEnumerable<string> actions, params string[] allowedRoles)
    {
        var rows = new TheoryData<string, string, bool>();
        foreach (var action in actions)
        {
            foreach (var role in new[] { DashboardRoles.Admin, DashboardRoles.Editor, DashboardRoles.Viewer })
            {
                rows.Add(action, role, allowedRoles.Contains(role));
            }
        }

        return rows;
    }

    /// <summary>Rows for actions an Editor or an Admin may do.</summary>
    public static TheoryData<string, string, bool> Edit(params string[] actions) =>
        For(actions, DashboardRoles.Admin, DashboardRoles.Editor);

    /// <summary>Rows for actions only an Admin may do.</summary>
    public static TheoryData<string, string, bool> Administer(params string[] actions) =>
        For(actions, DashboardRoles.Admin);
}
