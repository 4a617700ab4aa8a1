using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Templates;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Templates;

/// <summary>
/// Every change the template editor makes, per role, called on the handler as a tampered circuit would: the store
/// changes only for Editor and Admin; a Viewer gets the refusal, no dialog, and disabled buttons.
/// </summary>
public sealed class TemplateEditorPageRoleTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;
    private TemplateService templates = null!;

    public static TheoryData<string, string, bool> Rows => RoleRows.Edit("save", "publish", "delete", "restore", "test-send");

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
        });
        templates = engine.Services.GetRequiredService<TemplateService>();
        foreach (var type in new[] { typeof(TemplateService), typeof(ContentRenderer), typeof(BrandService), typeof(TemplateTestSender), typeof(NotificationOps.Engine.Messages.MessageQueries) })
        {
            Services.AddSingleton(type, engine.Services.GetRequiredService(type));
        }

        // Monaco answers a decoration change with the ids of the new decorations.
        JSInterop.Setup<string[]>("blazorMonaco.editor.deltaDecorations", _ => true).SetResult(["decoration-1"]);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Action_ChangesTheTemplateOnlyForAllowedRoles(string action, string role, bool allowed)
    {
        var created = await templates.CreateAsync(new TemplateInput
        {
            Alias = "welcome",
            Name = "Welcome",
            Content = new TemplateContent { Email = new EmailContent { Subject = "Hi", Html = "<p>v1</p>" } },
        }, "test");
        // A second version, so version 1 can be restored.
        await templates.UpdateAsync("welcome", new TemplateInput { Content = new TemplateContent { Email = new EmailContent { Subject = "Hi", Html = "<p>v2</p>" } } }, "test");
        var id = created.Template.Id;
        var before = (await templates.GetAsync(id))!.Template;
        SignInAs(role);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<TemplateEditorPage>(p => p.Add(x => x.Key, id));
        page.WaitForElement("[data-testid=preview-html]", TimeSpan.FromSeconds(15));

        var button = action switch
        {
            "save" => "save-draft",
            "restore" => "restore-version",
            "delete" => "delete-template",
            _ => action,
        };
        var element = page.WaitForElement($"[data-testid={button}]");
        if (!allowed)
        {
            Assert.True(element.HasAttribute("disabled"), $"{button} is disabled for a {role}");
        }
        else if (action is "publish" or "delete" or "restore")
        {
            Assert.False(element.HasAttribute("disabled"), $"{button} is enabled for a {role}");
        }

        switch (action)
        {
            case "save":
                Handler.SetField(page, "name", "Renamed by " + role);
                await Handler.InvokeAsync(page, "SaveAsync");
                break;
            case "publish":
                await Handler.InvokeConfirmingAsync(page, dialogs, "Publish", "PublishAsync");
                break;
            case "delete":
                await Handler.InvokeConfirmingAsync(page, dialogs, "Delete", "DeleteAsync");
                break;
            case "restore":
                await Handler.InvokeAsync(page, "RestoreAsync", 1);
                break;
            default:
                Handler.SetField(page, "testRecipient", "qa@example.com");
                await Handler.InvokeAsync(page, "TestSendAsync");
                break;
        }

        var after = (await templates.GetAsync(id))?.Template;
        await using var db = engine.CreateContext();
        var messages = await db.Messages.CountAsync();
        switch (action)
        {
            case "save":
                Assert.Equal(allowed ? "Renamed by " + role : "Welcome", after!.Name);
                break;
            case "publish":
                Assert.Equal(allowed, after!.PublishedVersion is not null);
                break;
            case "delete":
                Assert.Equal(allowed, after is null);
                break;
            case "restore":
                Assert.Equal(allowed ? before.LatestVersion + 1 : before.LatestVersion, after!.LatestVersion);
                break;
            default:
                Assert.Equal(allowed ? 1 : 0, messages);
                break;
        }

        if (!allowed)
        {
            Assert.Equal((before.Name, before.LatestVersion, before.PublishedVersion), (after!.Name, after.LatestVersion, after.PublishedVersion));
            Assert.Equal(0, messages);
            Refusal.AssertNoDialog(dialogs);
        }

        Refusal.AssertShown(Services.GetRequiredService<ISnackbar>(), refused: !allowed);
    }
}
