using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Components.Pages.Status;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Status;

/// <summary>An incident on the Status page says which alerts went out and links to them in the event log.</summary>
public sealed class StatusPageAlertsTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public async Task InitializeAsync() => engine = await StatusPageEngine.CreateAsync(Services);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Fact]
    public async Task OpenIncident_WithAlertSent_LinksToItsMessagesInTheEventLog()
    {
        var incidents = engine.Services.GetRequiredService<IncidentService>();
        var alerted = await incidents.OpenAsync(new NewIncident("Email delivery degraded", IncidentImpact.Major, ["delivery"], IncidentStatus.Investigating, "hook-a: 10 of 10 attempts failed in 2 min, HTTP 500.", false), "test");
        await incidents.OpenAsync(new NewIncident("Quiet one", IncidentImpact.Minor, ["api"], IncidentStatus.Investigating, "Opened.", false), "test");
        await engine.Services.GetRequiredService<AlertRecipientService>().AddAsync(AlertRecipientKinds.Email, "oncall@example.com", true, true, true);
        await engine.Services.GetRequiredService<IncidentAlerts>().SendAsync(
            [new IncidentChange(alerted.Id, alerted.Title, IncidentChangeKind.Opened, IncidentStatus.Investigating, "hook-a failing", null)], CancellationToken.None);
        SignInAs(DashboardRoles.Viewer);

        var page = Render<StatusPage>();

        page.WaitForElement("[data-testid=incident-alerts]", TimeSpan.FromSeconds(15));
        var link = page.Find("[data-testid=incident-alert-messages]");
        Assert.Equal("1 message in the event log", link.TextContent.Trim());
        Assert.Equal($"/?tag=incident-{alerted.Id}", link.GetAttribute("href"));
        // Only the incident the alert was about says so.
        Assert.Single(page.FindAll("[data-testid=incident-alerts]"));
        Assert.Single(page.Find($"[data-incident='{alerted.Id}']").QuerySelectorAll("[data-testid=incident-alerts]"));
    }
}
