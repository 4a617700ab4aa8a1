using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Send;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Send;

/// <summary>
/// Sending a template to a list from the dashboard: the confirmation names the count first; only an Editor or Admin
/// sends, and then through the one send path (a fan-out request, one message per subscriber).
/// </summary>
public sealed class GroupSendPageTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public static TheoryData<string, string, bool> Rows => RoleRows.Edit("send");

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
        });
        foreach (var type in new[] { typeof(GroupSender), typeof(ListService), typeof(AudienceService), typeof(TemplateService), typeof(RequestProgressQuery) })
        {
            Services.AddSingleton(type, engine.Services.GetRequiredService(type));
        }

        var templates = engine.Services.GetRequiredService<TemplateService>();
        await templates.CreateAsync(new TemplateInput
        {
            Alias = "news",
            Name = "News",
            Content = new TemplateContent { Email = new EmailContent { Subject = "News", Html = "<p>Hi</p>" } },
        }, "ada@example.com");
        await templates.PublishAsync("news", "ada@example.com");
        await engine.Services.GetRequiredService<ListService>().AddSubscribersAsync("weekly",
            [new ListRecipient("u1"), new ListRecipient("u2"), new ListRecipient("u3")], replace: false);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    private IRenderedComponent<GroupSendPage> RenderReady()
    {
        var page = Render<GroupSendPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=group-send-form]"));
        Handler.SetField(page, "groupId", "weekly");
        Handler.SetField(page, "template", "news");
        page.Render(); // as the selects' change events would
        return page;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Send_SendsOnlyForEditorOrAdmin(string action, string role, bool allowed)
    {
        Assert.Equal("send", action);
        SignInAs(role);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderReady();
        Assert.Equal(!allowed, page.Find("[data-testid=group-send]").HasAttribute("disabled"));

        await Handler.InvokeConfirmingAsync(page, dialogs, "Send to 3", "SendAsync");

        await using var db = engine.CreateContext();
        Assert.Equal(allowed, await db.FanOutRequests.AnyAsync());
        if (!allowed)
        {
            Refusal.AssertNoDialog(dialogs);
        }

        Refusal.AssertShown(Services.GetRequiredService<ISnackbar>(), refused: !allowed);
    }

    [Fact]
    public async Task Send_ShowsTheCountFirst_AndClosingSendsNothing()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderReady();

        var call = Handler.InvokeAsync(page, "SendAsync");
        dialogs.WaitForAssertion(() => Assert.Contains("to 3 people of the list 'weekly'", dialogs.Find("[data-testid=confirm-message]").TextContent));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=confirm-cancel]").Click());
        await call;

        await using var db = engine.CreateContext();
        Assert.False(await db.FanOutRequests.AnyAsync());
        Assert.Empty(page.FindAll("[data-testid=group-send-progress]"));
    }

    [Fact]
    public async Task Send_Confirmed_MakesOneMessagePerSubscriber_AndShowsTheRequest()
    {
        SignInAs(DashboardRoles.Editor);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderReady();

        await Handler.InvokeConfirmingAsync(page, dialogs, "Send to 3", "SendAsync");
        string requestId;
        await using (var db = engine.CreateContext())
        {
            requestId = (await db.FanOutRequests.SingleAsync()).Id;
        }

        Assert.True(await engine.Services.GetRequiredService<FanOutExpander>().ExpandAsync(requestId, CancellationToken.None));
        page.WaitForAssertion(() =>
        {
            Assert.Contains(requestId, page.Find("[data-testid=group-send-progress]").TextContent);
            Assert.Contains("COMPLETED", page.Find("[data-testid=group-send-status]").TextContent);
        });
        await using var check = engine.CreateContext();
        Assert.Equal(3, await check.Messages.CountAsync(m => m.RequestId == requestId));
    }

    [Fact]
    public async Task Send_ToAnEmptyList_SaysSoAndAsksNothing()
    {
        await engine.Services.GetRequiredService<ListService>().UpsertAsync("empty", "Empty", null);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderReady();
        Handler.SetField(page, "groupId", "empty");

        await Handler.InvokeAsync(page, "SendAsync");
        page.Render();

        Assert.Contains("nobody in it", page.Find("[data-testid=group-send-error]").TextContent);
        Refusal.AssertNoDialog(dialogs);
    }
}
