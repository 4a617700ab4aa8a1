using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Security;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Security;

namespace NotificationOps.Dashboard.Tests.Security;

public sealed class RoleGuardTests : MudBlazorTestContext
{
    public static TheoryData<string, DashboardAction, bool> Table => new()
    {
        { DashboardRoles.Admin, DashboardAction.Edit, true },
        { DashboardRoles.Admin, DashboardAction.Administer, true },
        { DashboardRoles.Editor, DashboardAction.Edit, true },
        { DashboardRoles.Editor, DashboardAction.Administer, false },
        { DashboardRoles.Viewer, DashboardAction.Edit, false },
        { DashboardRoles.Viewer, DashboardAction.Administer, false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task EnsureAsync_AllowsOnlyTheRolesOfTheAction(string role, DashboardAction action, bool expected)
    {
        SignInAs(role);
        var guard = Services.GetRequiredService<RoleGuard>();

        Assert.Equal(expected, await guard.AllowsAsync(action));
        Assert.Equal(expected, await guard.EnsureAsync(action));
        // A refusal says so; an allowed action says nothing.
        Assert.Equal(expected ? 0 : 1, Services.GetRequiredService<ISnackbar>().ShownSnackbars.Count());
    }

    [Fact]
    public async Task EnsureAsync_Refuses_WhenNotSignedIn()
    {
        Authorization.SetNotAuthorized();

        Assert.False(await Services.GetRequiredService<RoleGuard>().EnsureAsync(DashboardAction.Edit));
    }
}
