using System.Text;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Lists;
using NotificationOps.Dashboard.Tests.Components.Pages.Audiences;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Lists;

/// <summary>
/// The Lists pages per role: each handler, called as a tampered circuit would, changes the store only for an Editor
/// or an Admin; a Viewer gets the refusal, no dialog, and sees no button to change anything.
/// </summary>
public sealed class ListPagesRoleTests : AudiencePageFixture
{
    public static TheoryData<string, string, bool> Rows =>
        RoleRows.Edit("list-create", "subscriber-add", "subscriber-remove", "csv-import", "list-archive");

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Action_ChangesListsOnlyForEditorOrAdmin(string action, string role, bool allowed)
    {
        var lists = Engine.Services.GetRequiredService<ListService>();
        await lists.AddSubscribersAsync("news", [new ListRecipient("old")], replace: false);
        SignInAs(role);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ListDetailPage>(p => p.Add(x => x.Id, "news"));
        page.WaitForElement("[data-testid=list-title]");
        Assert.Equal(allowed, page.FindAll("[data-testid=add-subscriber]").Count == 1);
        Assert.Equal(allowed, page.FindAll("[data-testid=remove-subscriber]").Count == 1);

        bool changed;
        switch (action)
        {
            case "list-create":
                var overview = Render<ListsPage>();
                Handler.SetField(overview, "newId", "fresh");
                await Handler.InvokeAsync(overview, "CreateAsync");
                changed = await lists.GetAsync("fresh") is not null;
                break;
            case "subscriber-add":
                Handler.SetField(page, "newUserId", "new-user");
                await Handler.InvokeAsync(page, "AddAsync");
                changed = await lists.CountSubscribersAsync("news") == 2;
                break;
            case "subscriber-remove":
                await Handler.InvokeConfirmingAsync(page, dialogs, "Remove", "RemoveAsync", "old");
                changed = await lists.CountSubscribersAsync("news") == 0;
                break;
            case "csv-import":
                // The panel is only rendered for Editor and Admin; rendered directly, as a tampered circuit could reach it.
                var panel = Render<SubscriberImportPanel>(p => p.Add(x => x.ListId, "news"));
                await Handler.InvokeAsync(panel, "ImportAsync", "x.csv", new MemoryStream(Encoding.UTF8.GetBytes("a\nb\n")));
                changed = await lists.CountSubscribersAsync("news") == 3;
                break;
            default:
                await Handler.InvokeConfirmingAsync(page, dialogs, "Archive", "ArchiveAsync");
                changed = await lists.GetAsync("news") is null;
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
