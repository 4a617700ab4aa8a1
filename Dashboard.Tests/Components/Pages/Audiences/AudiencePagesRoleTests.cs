using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Audiences;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Audiences;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Audiences;

/// <summary>
/// The Audiences pages per role: each handler, called as a tampered circuit would, changes the store only for an
/// Editor or an Admin; a Viewer gets the refusal and no dialog.
/// </summary>
public sealed class AudiencePagesRoleTests : AudiencePageFixture
{
    public static TheoryData<string, string, bool> Rows => RoleRows.Edit("audience-new", "audience-save", "audience-delete");

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Action_ChangesAudiencesOnlyForEditorOrAdmin(string action, string role, bool allowed)
    {
        await AudienceAsync("existing", """{"name":"Existing","filter":{"filters":[{"operator":"EXISTS","path":"email"}]}}""");
        var audiences = Engine.Services.GetRequiredService<AudienceService>();
        SignInAs(role);
        var dialogs = Render<MudDialogProvider>();

        bool changed;
        switch (action)
        {
            case "audience-new":
                var list = Render<AudiencesPage>();
                Handler.SetField(list, "newId", "fresh");
                await Handler.InvokeAsync(list, "CreateAsync");
                changed = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri.EndsWith("/audiences/fresh", StringComparison.Ordinal);
                break;
            case "audience-save":
                var editor = Render<AudienceEditorPage>(p => p.Add(x => x.Id, "existing"));
                editor.WaitForElement("[data-testid=audience-state]");
                Handler.SetField(editor, "name", "Renamed");
                await Handler.InvokeAsync(editor, "SaveAsync");
                changed = (await audiences.GetAsync("existing"))!.Name == "Renamed";
                break;
            default:
                var page = Render<AudienceEditorPage>(p => p.Add(x => x.Id, "existing"));
                page.WaitForElement("[data-testid=audience-state]");
                await Handler.InvokeConfirmingAsync(page, dialogs, "Delete", "DeleteAsync");
                changed = await audiences.GetAsync("existing") is null;
                break;
        }

        Assert.Equal(allowed, changed);
        if (!allowed)
        {
            Refusal.AssertNoDialog(dialogs);
        }

        Refusal.AssertShown(Services.GetRequiredService<ISnackbar>(), refused: !allowed);
    }
}
