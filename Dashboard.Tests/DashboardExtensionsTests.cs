using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests;

public sealed class DashboardExtensionsTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public void AddDashboard_ShowsSnackbarsBottomRight_AwayFromThePagesActionButtons()
    {
        // What MudBlazor's snackbar service is built with (the service itself needs a live circuit).
        var configuration = factory.Services.GetRequiredService<IOptions<SnackbarConfiguration>>().Value;

        Assert.Equal(Defaults.Classes.Position.BottomRight, configuration.PositionClass);
    }
}
