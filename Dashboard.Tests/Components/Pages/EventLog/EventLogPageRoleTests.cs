using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.EventLog;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Operations;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.EventLog;

/// <summary>
/// Bulk retry and cancel per role: through the page's handler (which opens the dry-run dialog) and through the
/// dialog's confirm handler opened directly, as a tampered circuit could. Only Editor and Admin start an operation.
/// </summary>
public sealed class EventLogPageRoleTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public static TheoryData<string, string, bool> Rows =>
        RoleRows.Edit("bulk-retry", "bulk-cancel", "dialog-retry", "dialog-cancel");

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(PageMessages.Providers());
        Services.AddSingleton(engine.Services.GetRequiredService<MessageQueries>());
        Services.AddSingleton(engine.Services.GetRequiredService<MessageCounts>());
        Services.AddSingleton(engine.Services.GetRequiredService<BulkOperations>());
        Services.AddSingleton(engine.Services.GetRequiredService<NotificationOps.Engine.Providers.ProviderRegistry>());
        Services.AddSingleton<TimeProvider>(engine.Time);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Bulk_StartsAnOperationOnlyForAllowedRoles(string action, string role, bool allowed)
    {
        // One message each bulk kind can act on: an UNDELIVERABLE one to retry, an ENQUEUED one to cancel.
        var failed = await PageMessages.UndeliverableSmsAsync(engine);
        var waiting = await PageMessages.EnqueuedEmailAsync(engine);
        var kind = action.EndsWith("retry", StringComparison.Ordinal) ? BulkOperationKind.Retry : BulkOperationKind.Cancel;
        SignInAs(role);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<EventLogPage>();
        page.WaitForElement("[data-testid=recipient-cell]");

        var menu = page.Find("[data-testid=bulk-menu]");
        Assert.Equal(!allowed, menu.HasAttribute("disabled") || menu.QuerySelector("button[disabled]") is not null);
        var yes = kind == BulkOperationKind.Retry ? "Retry" : "Cancel";
        if (action.StartsWith("bulk", StringComparison.Ordinal))
        {
            await Handler.InvokeConfirmingAsync(page, dialogs, yes, "BulkAsync", kind, false);
        }
        else
        {
            // The dialog's own handler, reached without the page's check.
            var parameters = new DialogParameters<BulkDialog>
            {
                { d => d.Kind, kind },
                { d => d.Ids, new[] { kind == BulkOperationKind.Retry ? failed : waiting } },
            };
            var dialogService = Services.GetRequiredService<IDialogService>();
            await dialogs.InvokeAsync(() => dialogService.ShowAsync<BulkDialog>("Bulk", parameters));
            var confirm = dialogs.WaitForElement("[data-testid=bulk-confirm]:not([disabled])");
            await confirm.ClickAsync(new());
        }

        var operations = await engine.Services.GetRequiredService<BulkOperations>().RecentAsync(TimeSpan.FromDays(1));
        Assert.Equal(allowed ? 1 : 0, operations.Count);
        if (allowed)
        {
            Assert.Equal(kind, operations.Single().Kind);
        }
        else
        {
            Assert.Equal(MessageStatus.Undeliverable, (await engine.MessageAsync(failed)).Status);
            Assert.Equal(MessageStatus.Enqueued, (await engine.MessageAsync(waiting)).Status);
        }

        if (!allowed && action.StartsWith("bulk", StringComparison.Ordinal))
        {
            Refusal.AssertNoDialog(dialogs);
        }

        Refusal.AssertShown(Services.GetRequiredService<ISnackbar>(), refused: !allowed);
    }
}
