using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Status;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Status;

/// <summary>Opening, updating and renaming incidents on the Status page, per role: Editors and Admins only.</summary>
public sealed class StatusPageRoleTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public static TheoryData<string, string, bool> Rows => RoleRows.Edit("incident-open", "incident-update", "incident-rename");

    public async Task InitializeAsync() => engine = await StatusPageEngine.CreateAsync(Services);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    private IncidentService Incidents => engine.Services.GetRequiredService<IncidentService>();

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Action_ChangesIncidentsOnlyForEditorAndAdmin(string action, string role, bool allowed)
    {
        var existing = await Incidents.OpenAsync(new NewIncident("Existing", IncidentImpact.Minor, ["api"], IncidentStatus.Investigating, "Opened.", false), "test");
        SignInAs(role);
        var page = Render<StatusPage>();
        page.WaitForElement("[data-testid=new-incident]");
        Assert.Equal(!allowed, page.Find("[data-testid=new-incident]").HasAttribute("disabled"));

        switch (action)
        {
            case "incident-open":
                Handler.SetField(page, "draft", new IncidentDraft { Title = "Opened by " + role, Body = "Planned.", Components = ["web"] });
                await Handler.InvokeAsync(page, "OpenIncidentAsync");
                break;
            case "incident-update":
                Handler.SetField(page, "updates", new Dictionary<long, IncidentDraft> { [existing.Id] = new() { Status = IncidentStatus.Identified, Body = "Found it." } });
                await Handler.InvokeAsync(page, "AddUpdateAsync", existing.Id);
                break;
            default:
                Handler.SetField(page, "updates", new Dictionary<long, IncidentDraft> { [existing.Id] = new() { Title = "Renamed" } });
                await Handler.InvokeAsync(page, "RenameAsync", existing.Id);
                break;
        }

        await using var db = engine.CreateContext();
        var changed = action switch
        {
            "incident-open" => await db.Incidents.AnyAsync(i => i.Title == "Opened by " + role),
            "incident-update" => await db.IncidentUpdates.CountAsync(u => u.IncidentId == existing.Id) == 2,
            _ => await db.Incidents.AnyAsync(i => i.Title == "Renamed"),
        };
        Assert.Equal(allowed, changed);
        Refusal.AssertShown(Services.GetRequiredService<ISnackbar>(), refused: !allowed);
    }
}
