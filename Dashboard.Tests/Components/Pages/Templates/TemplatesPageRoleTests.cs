using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Templates;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Templates;

/// <summary>
/// Creating a template per role: through the page's "New template" handler, and through the dialog's create handler
/// opened directly, as a tampered circuit could. Only Editor and Admin create one; a Viewer sees no button.
/// </summary>
public sealed class TemplatesPageRoleTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;
    private TemplateService templates = null!;

    public static TheoryData<string, string, bool> Rows => RoleRows.Edit("create", "create-in-dialog");

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
        });
        templates = engine.Services.GetRequiredService<TemplateService>();
        Services.AddSingleton(templates);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Create_AddsATemplateOnlyForAllowedRoles(string action, string role, bool allowed)
    {
        SignInAs(role);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<TemplatesPage>();
        Assert.Equal(allowed, page.FindAll("[data-testid=new-template]").Count == 1);

        Task? pageCall = null;
        if (action == "create")
        {
            pageCall = Handler.InvokeAsync(page, "CreateAsync");
            await Eventually.HoldsAsync(() => pageCall.IsCompleted || dialogs.FindComponents<NewTemplateDialog>().Count == 1,
                "the handler to end or open the new-template dialog", TimeSpan.FromSeconds(15));
        }
        else
        {
            var dialogService = Services.GetRequiredService<IDialogService>();
            await dialogs.InvokeAsync(() => dialogService.ShowAsync<NewTemplateDialog>("New template"));
        }

        if (action == "create" && !allowed)
        {
            await pageCall!;
            Refusal.AssertNoDialog(dialogs);
        }
        else
        {
            var dialog = dialogs.FindComponent<NewTemplateDialog>();
            Handler.SetField(dialog, "name", "Welcome");
            Handler.SetField(dialog, "alias", "welcome");
            await Handler.InvokeAsync(dialog, "CreateAsync");
            if (pageCall is not null)
            {
                await pageCall;
            }
        }

        Assert.Equal(allowed, await templates.GetAsync("welcome") is not null);
        Assert.Equal(allowed ? 1 : 0, (await templates.ListAsync(null, null)).Count);
        Refusal.AssertShown(Services.GetRequiredService<ISnackbar>(), refused: !allowed);
    }
}
