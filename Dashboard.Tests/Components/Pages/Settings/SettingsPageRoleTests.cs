using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Settings;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Providers.Integrations;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Settings;

/// <summary>
/// Every change of Settings (API keys, users, providers), per role. The page shows those tabs to an Admin only; here
/// each panel is rendered on its own and its handler called, as a tampered circuit would, and only an Admin changes
/// the store. Editor and Viewer get the refusal and no dialog.
/// </summary>
public sealed class SettingsPageRoleTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;
    private IServiceScope scope = null!;

    public static TheoryData<string, string, bool> Rows => RoleRows.Administer(
        "api-key-create", "api-key-revoke",
        "user-add", "user-role", "user-remove",
        "provider-add", "provider-edit", "provider-save-in-dialog", "provider-test", "provider-move", "provider-toggle", "provider-delete");

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
            ["Providers:sim-sms:Type"] = "simulated",
            ["Providers:sim-sms:Channel"] = "sms",
            ["Providers:sim-sms:Priority"] = "10",
        });
        scope = engine.Services.CreateScope();
        SettingsPageServices.AddFrom(this, engine, scope);
        var saved = await Integrations.SaveAsync(new IntegrationInput
        {
            Id = "twilio-us",
            Type = "twilio",
            Channel = "sms",
            Priority = 5,
            Settings = { ["AccountSid"] = "AC1", ["AuthToken"] = "super-secret-token", ["From"] = "+15005550006" },
        }, existingId: null);
        Assert.True(saved.Ok, saved.Error);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        scope.Dispose();
        await engine.DisposeAsync();
    }

    private ApiKeyService Keys => engine.Services.GetRequiredService<ApiKeyService>();

    private UserAdminService Users => scope.ServiceProvider.GetRequiredService<UserAdminService>();

    private ProviderIntegrationService Integrations => engine.Services.GetRequiredService<ProviderIntegrationService>();

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Action_ChangesSettingsOnlyForAdmin(string action, string role, bool allowed)
    {
        SignInAs(role);
        var settings = Render<SettingsPage>();
        var tab = action.Split('-')[0] switch { "api" => "API keys", "user" => "Users", _ => "Providers" };
        Assert.Equal(allowed, settings.FindAll(".mud-tab").Any(t => t.TextContent.Contains(tab, StringComparison.Ordinal)));
        settings.Dispose();

        var dialogs = Render<MudDialogProvider>();
        var changed = action.Split('-')[0] switch
        {
            "api" => await ApiKeyActionAsync(action, role, dialogs),
            "user" => await UserActionAsync(action, dialogs),
            _ => await ProviderActionAsync(action, dialogs),
        };

        Assert.Equal(allowed, changed);
        if (!allowed)
        {
            Refusal.AssertNoDialog(dialogs);
        }

        Refusal.AssertShown(Services.GetRequiredService<ISnackbar>(), refused: !allowed);
    }

    private async Task<bool> ApiKeyActionAsync(string action, string role, IRenderedComponent<MudDialogProvider> dialogs)
    {
        if (action == "api-key-create")
        {
            var panel = Render<ApiKeysPanel>();
            Handler.SetField(panel, "newKeyName", "key by " + role);
            await Handler.InvokeAsync(panel, "CreateAsync");
            return (await Keys.ListAsync()).Any(k => k.Name == "key by " + role);
        }

        await Keys.CreateAsync("existing", "test");
        var existing = (await Keys.ListAsync()).Single(k => k.Name == "existing");
        var keys = Render<ApiKeysPanel>();
        await Handler.InvokeConfirmingAsync(keys, dialogs, "Revoke", "RevokeAsync", existing);
        return !(await Keys.ListAsync()).Single(k => k.Name == "existing").IsActive;
    }

    private async Task<bool> UserActionAsync(string action, IRenderedComponent<MudDialogProvider> dialogs)
    {
        var panel = Render<UsersPanel>();
        if (action == "user-add")
        {
            Handler.SetField(panel, "newEmail", "new@example.com");
            Handler.SetField(panel, "newPassword", "Passw0rd-Long");
            await Handler.InvokeAsync(panel, "AddAsync");
            return (await Users.ListAsync()).Any(u => u.Email == "new@example.com");
        }

        // The signed-in Admin exists too: the last user can never be removed.
        Assert.True((await Users.CreateAsync("admin@example.com", "Passw0rd-Long", DashboardRoles.Admin)).Succeeded);
        Assert.True((await Users.CreateAsync("grace@example.com", "Passw0rd-Long", DashboardRoles.Viewer)).Succeeded);
        var grace = (await Users.ListAsync()).Single(u => u.Email == "grace@example.com");
        if (action == "user-role")
        {
            await Handler.InvokeAsync(panel, "SetRoleAsync", grace, DashboardRoles.Editor);
            return (await Users.ListAsync()).Single(u => u.Email == "grace@example.com").Role == DashboardRoles.Editor;
        }

        await Handler.InvokeConfirmingAsync(panel, dialogs, "Remove", "RemoveAsync", grace);
        return (await Users.ListAsync()).All(u => u.Email != "grace@example.com");
    }

    private async Task<bool> ProviderActionAsync(string action, IRenderedComponent<MudDialogProvider> dialogs)
    {
        var overview = engine.Services.GetRequiredService<ProviderOverviewQuery>();
        async Task<ProviderOverviewRow?> RowAsync(string id) => (await overview.ListAsync()).SingleOrDefault(r => r.Entry.Id == id);
        var twilio = (await RowAsync("twilio-us"))!;
        var panel = Render<ProvidersPanel>();
        switch (action)
        {
            case "provider-add":
            case "provider-edit":
                // Allowed, the editor opens; refused, nothing opens. What it saves is the dialog's row below.
                var call = action == "provider-add" ? Handler.InvokeAsync(panel, "AddAsync") : Handler.InvokeAsync(panel, "EditAsync", twilio);
                await Eventually.HoldsAsync(() => call.IsCompleted || dialogs.FindComponents<ProviderEditDialog>().Count == 1,
                    "the handler to end or open the provider editor", TimeSpan.FromSeconds(15));
                return dialogs.FindComponents<ProviderEditDialog>().Count == 1;
            case "provider-save-in-dialog":
                // The editor's own save, reached without the panel's check.
                var dialogService = Services.GetRequiredService<IDialogService>();
                var parameters = new DialogParameters<ProviderEditDialog> { { d => d.ExistingId, "twilio-us" } };
                await dialogs.InvokeAsync(() => dialogService.ShowAsync<ProviderEditDialog>("Edit", parameters));
                var editor = dialogs.FindComponent<ProviderEditDialog>();
                var inputField = typeof(ProviderEditDialog).GetField("input", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;
                editor.WaitForState(() => inputField.GetValue(editor.Instance) is not null);
                var input = (IntegrationInput)inputField.GetValue(editor.Instance)!;
                input.Priority = 42;
                await Handler.InvokeAsync(editor, "SaveAsync");
                var saved = (await RowAsync("twilio-us"))!.Entry.Priority == 42;
                if (!saved)
                {
                    // Refused, the editor stays open; close it so the no-dialog check is about the panel's handlers.
                    await dialogs.InvokeAsync(() => dialogs.Instance.DismissAll());
                }

                return saved;
            case "provider-test":
                var simEmail = (await RowAsync("sim-email"))!;
                var test = Handler.InvokeAsync(panel, "SendTestAsync", simEmail);
                await Eventually.HoldsAsync(() => test.IsCompleted || dialogs.FindComponents<ProviderTestDialog>().Count == 1,
                    "the handler to end or ask for an address", TimeSpan.FromSeconds(15));
                if (!test.IsCompleted)
                {
                    await dialogs.Find("[data-testid=test-address] input, input[data-testid=test-address]").InputAsync(new ChangeEventArgs { Value = "qa@example.com" });
                    await dialogs.Find("[data-testid=send-test-confirm]").ClickAsync(new());
                }

                await test;
                await using (var db = engine.CreateContext())
                {
                    return await db.Messages.AnyAsync(m => m.Recipient == "qa@example.com");
                }

            case "provider-move":
                await Handler.InvokeAsync(panel, "MoveAsync", twilio, false);
                return (await RowAsync("twilio-us"))!.Entry.Priority != 5;
            case "provider-toggle":
                await Handler.InvokeAsync(panel, "ToggleAsync", twilio);
                return !(await RowAsync("twilio-us"))!.Entry.Enabled;
            default:
                await Handler.InvokeConfirmingAsync(panel, dialogs, "Delete", "DeleteAsync", twilio);
                return await RowAsync("twilio-us") is null;
        }
    }
}
