using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Profiles;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Preferences;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Profiles;

/// <summary>
/// Every change of the profile page, per role: each handler, called as a tampered circuit would, changes the store only
/// for an Editor or Admin; a Viewer gets the refusal, no dialog, and disabled buttons.
/// </summary>
public sealed class ProfilePageRoleTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public static TheoryData<string, string, bool> Rows => RoleRows.Edit("profile-save", "profile-delete", "list-subscribe", "list-remove", "topic-set");

    public async Task InitializeAsync() => engine = await ProfileFixture.StartAsync(this);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Action_ChangesTheProfileOnlyForEditorOrAdmin(string action, string role, bool allowed)
    {
        SignInAs(role);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ProfilePage>(p => p.Add(x => x.UserId, ProfileFixture.UserId));
        ProfileFixture.WaitLoaded(page);
        Assert.Equal(!allowed, page.Find("[data-testid=profile-save]").HasAttribute("disabled"));

        bool changed;
        await using (var db = engine.CreateContext())
        {
            switch (action)
            {
                case "profile-save":
                    Handler.SetField(page, "json", """{"email":"ada@example.com","plan":"enterprise"}""");
                    await Handler.InvokeAsync(page, "SaveAsync");
                    changed = (await db.Profiles.SingleAsync()).DataJson.Contains("enterprise", StringComparison.Ordinal);
                    break;
                case "profile-delete":
                    await Handler.InvokeConfirmingAsync(page, dialogs, "Delete", "DeleteAsync");
                    changed = !await db.Profiles.AnyAsync();
                    break;
                case "list-subscribe":
                    Handler.SetField(page, "newList", "monthly");
                    await Handler.InvokeAsync(page, "SubscribeAsync");
                    changed = await db.ListSubscriptions.AnyAsync(s => s.ListId == "monthly" && s.UserId == ProfileFixture.UserId);
                    break;
                case "list-remove":
                    await Handler.InvokeAsync(page, "UnsubscribeAsync", ProfileFixture.ListId);
                    changed = !await db.ListSubscriptions.AnyAsync();
                    break;
                default:
                    var view = await engine.Services.GetRequiredService<PreferenceService>().ForUserAsync(ProfileFixture.UserId, ProfileFixture.TopicId);
                    await Handler.InvokeAsync(page, "SetTopicAsync", view!, PreferenceStatus.OptedOut);
                    changed = await db.UserTopicPreferences.AnyAsync(p => p.TopicId == ProfileFixture.TopicId && p.Status == PreferenceStatus.OptedOut);
                    break;
            }
        }

        Assert.True(allowed == changed, string.Join(" | ", Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(b => b.Message)));
        if (!allowed)
        {
            Refusal.AssertNoDialog(dialogs);
        }

        Refusal.AssertShown(Services.GetRequiredService<ISnackbar>(), refused: !allowed);
    }
}
