using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Messages;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Messages;

/// <summary>
/// Retry, cancel and resend per role, called on the handler as a tampered circuit would: the change is in the store
/// only for Editor and Admin; a Viewer gets the refusal, no confirmation dialog, and a disabled button.
/// </summary>
public sealed class MessageDetailPageRoleTests : MudBlazorTestContext, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private EngineHost engine = null!;

    public static TheoryData<string, string, bool> Rows => RoleRows.Edit("retry", "cancel", "resend");

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(PageMessages.Providers());
        Services.AddSingleton(engine.Services.GetRequiredService<MessageDetailsQuery>());
        Services.AddSingleton(engine.Services.GetRequiredService<MessageOperations>());
        Services.AddSingleton(engine.Services.GetRequiredService<MessageResender>());
        Services.AddSingleton(engine.Services.GetRequiredService<NotificationOps.Engine.Tracking.TrackingAnalytics>());
        Services.AddSingleton(engine.Services.GetRequiredService<NotificationOps.Engine.Webhooks.Outbound.WebhookDeliveryLog>());
        Services.AddSingleton<TimeProvider>(engine.Time);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Action_ChangesTheMessageOnlyForAllowedRoles(string action, string role, bool allowed)
    {
        var id = action switch
        {
            "retry" => await PageMessages.UndeliverableSmsAsync(engine),
            "cancel" => await PageMessages.EnqueuedEmailAsync(engine),
            _ => await PageMessages.DeliveredEmailAsync(engine, "Hello"),
        };
        var before = await engine.MessageAsync(id);
        var historyBefore = (await engine.HistoryAsync(id)).Count;
        SignInAs(role);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<MessageDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=summary]", Deadline);
        var navigation = Services.GetRequiredService<NavigationManager>();
        var uriBefore = navigation.Uri;

        Assert.Equal(!allowed, page.Find($"[data-testid={action}]").HasAttribute("disabled"));
        var (handler, yes) = action switch
        {
            "retry" => ("RetryAsync", "Retry now"),
            "cancel" => ("CancelAsync", "Cancel message"),
            _ => ("ResendAsync", "Resend message"),
        };
        await Handler.InvokeConfirmingAsync(page, dialogs, yes, handler);

        var after = await engine.MessageAsync(id);
        var history = await engine.HistoryAsync(id);
        switch (action)
        {
            case "retry":
                Assert.Equal(allowed, history.Any(e => e.Type == MessageEventTypes.RetryRequested));
                break;
            case "cancel":
                Assert.Equal(allowed ? MessageStatus.Canceled : MessageStatus.Enqueued, after.Status);
                break;
            default:
                // A resend makes a copy and opens it; refused, the page stays where it was.
                Assert.Equal(allowed, navigation.Uri != uriBefore);
                if (allowed)
                {
                    var copyId = new Uri(navigation.Uri).AbsolutePath.Split('/')[^1];
                    Assert.Contains(await engine.HistoryAsync(copyId), e => e.Type == MessageEventTypes.ResendOf);
                }

                break;
        }

        if (!allowed)
        {
            Assert.Equal(before.Status, after.Status);
            Assert.Equal(historyBefore, history.Count);
            Refusal.AssertNoDialog(dialogs);
        }

        Refusal.AssertShown(Services.GetRequiredService<ISnackbar>(), refused: !allowed);
    }
}
