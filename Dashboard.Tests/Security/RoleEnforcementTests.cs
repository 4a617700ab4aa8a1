using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Settings;
using NotificationOps.Dashboard.Components.Pages.Templates;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Security;

/// <summary>Per role and page action: the handler itself allows or refuses, whatever the page showed.</summary>
public sealed class RoleEnforcementTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;
    private IServiceScope scope = null!;

    public static TheoryData<string, bool> EditRoles => new()
    {
        { DashboardRoles.Admin, true },
        { DashboardRoles.Editor, true },
        { DashboardRoles.Viewer, false },
    };

    public static TheoryData<string, bool> AdminRoles => new()
    {
        { DashboardRoles.Admin, true },
        { DashboardRoles.Editor, false },
        { DashboardRoles.Viewer, false },
    };

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
        });
        scope = engine.Services.CreateScope();
        foreach (var type in new[] { typeof(TemplateService), typeof(ContentRenderer), typeof(BrandService), typeof(TemplateTestSender), typeof(ApiKeyService), typeof(NotificationOps.Engine.Retention.StorageSummaryQuery) })
        {
            Services.AddSingleton(type, engine.Services.GetRequiredService(type));
        }

        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<UserAdminService>());
        // Monaco answers a decoration change with the ids of the new decorations.
        JSInterop.Setup<string[]>("blazorMonaco.editor.deltaDecorations", _ => true).SetResult(["decoration-1"]);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        scope.Dispose();
        await engine.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(EditRoles))]
    public async Task BrandSave_IsDoneOnlyByEditRoles(string role, bool allowed)
    {
        SignInAs(role);
        var page = Render<BrandPage>();
        page.Find("[data-testid=brand-name] input, input[data-testid=brand-name]").Input("Acme by " + role);

        await Handler.InvokeAsync(page, "SaveAsync");

        Assert.Equal(allowed, engine.Services.GetRequiredService<BrandService>().Current.Name == "Acme by " + role);
        Assert.Equal(allowed, page.FindAll("[data-testid=brand-save]").Count == 1);
    }

    [Theory]
    [MemberData(nameof(EditRoles))]
    public async Task TemplatePublish_IsDoneOnlyByEditRoles(string role, bool allowed)
    {
        SignInAs(role);
        var templates = engine.Services.GetRequiredService<TemplateService>();
        var created = await templates.CreateAsync(new TemplateInput
        {
            Alias = "welcome",
            Name = "Welcome",
            Content = new TemplateContent { Email = new EmailContent { Subject = "Hi", Html = "<p>Hi</p>" } },
        }, "test");
        var dialogs = Render<MudDialogProvider>();
        var page = Render<TemplateEditorPage>(p => p.Add(x => x.Key, created.Template.Id));
        page.WaitForElement("[data-testid=publish]", TimeSpan.FromSeconds(10));

        // Publish asks first, showing the diff; an allowed role confirms it.
        await Handler.InvokeConfirmingAsync(page, dialogs, "Publish", "PublishAsync");

        Assert.Equal(allowed, (await templates.GetAsync(created.Template.Id))!.Template.PublishedVersion is not null);
        Assert.Equal(!allowed, page.Find("[data-testid=publish]").HasAttribute("disabled"));
    }

    [Theory]
    [MemberData(nameof(EditRoles))]
    public void NewTemplateButton_IsShownOnlyToEditRoles(string role, bool allowed)
    {
        SignInAs(role);

        var page = Render<TemplatesPage>();

        Assert.Equal(allowed, page.FindAll("[data-testid=new-template]").Count == 1);
    }

    [Theory]
    [MemberData(nameof(AdminRoles))]
    public async Task ApiKeyCreate_IsDoneOnlyByAdmin(string role, bool allowed)
    {
        SignInAs(role);
        var panel = Render<ApiKeysPanel>();
        Handler.SetField(panel, "newKeyName", "key by " + role);

        await Handler.InvokeAsync(panel, "CreateAsync");

        var keys = await engine.Services.GetRequiredService<ApiKeyService>().ListAsync();
        Assert.Equal(allowed, keys.Any(k => k.Name == "key by " + role));
    }

    [Theory]
    [MemberData(nameof(AdminRoles))]
    public async Task UserAdd_IsDoneOnlyByAdmin(string role, bool allowed)
    {
        SignInAs(role);
        var panel = Render<UsersPanel>();
        Handler.SetField(panel, "newEmail", "new@example.com");
        Handler.SetField(panel, "newPassword", "Passw0rd-Long");

        await Handler.InvokeAsync(panel, "AddAsync");

        var users = await scope.ServiceProvider.GetRequiredService<UserAdminService>().ListAsync();
        Assert.Equal(allowed, users.Any(u => u.Email == "new@example.com" && u.Role == DashboardRoles.Viewer));
    }

    [Theory]
    [MemberData(nameof(AdminRoles))]
    public void SettingsPage_ShowsAdminTabsOnlyToAdmin(string role, bool allowed)
    {
        SignInAs(role);
        Services.AddSingleton(engine.Services.GetRequiredService<NotificationOps.Engine.Audit.AuditLog>());

        var page = Render<SettingsPage>();

        Assert.Equal(allowed, page.Markup.Contains("API keys", StringComparison.Ordinal));
        Assert.Equal(allowed, page.Markup.Contains("Users", StringComparison.Ordinal));
        Assert.Contains("Password", page.Markup);
    }
}
