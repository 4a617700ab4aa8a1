using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NotificationOps.Dashboard.Components.Pages.Messages;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Messages;

/// <summary>The message detail page over the real Engine services and a temp database (no job server: tests run the send job).</summary>
public sealed class MessageDetailPageTests : MudBlazorTestContext, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private EngineHost engine = null!;

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

    [Fact]
    public async Task Page_RendersTimelineAttemptsAndSandboxedHtml_ForDeliveredMessage()
    {
        var id = await DeliveredEmailAsync("""Hello **Ada**""");

        var page = RenderLoaded(id);

        Assert.Equal("DELIVERED", page.Find("[data-testid=status]").TextContent.Trim());
        Assert.Equal("ada@example.com", page.Find("[data-testid=recipient]").TextContent.Trim());
        Assert.Equal("sim-email", page.Find("[data-testid=provider]").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=simulated]"));
        var events = page.FindAll("[data-testid=timeline-event]");
        Assert.Equal(["ENQUEUED", "SENT", "DELIVERED"], events.Select(e => e.QuerySelector("[data-testid=event-type]")!.TextContent.Trim()));
        Assert.Equal(["API", "Our pipeline", "Provider"], events.Select(e => e.QuerySelector("[data-testid=event-source]")!.TextContent.Trim()));

        var attempts = page.FindAll("[data-testid=attempts] tbody tr").Where(r => r.QuerySelector("[data-testid=attempt-outcome]") is not null).ToList();
        var attempt = Assert.Single(attempts);
        Assert.Contains("accepted", attempt.TextContent);
        Assert.Contains("202", attempt.TextContent);
        Assert.StartsWith("SIMULATED email to ada@example.com", page.Find("[data-testid=attempt-request]").TextContent);
        Assert.Contains("\"simulated\": true", page.Find("[data-testid=attempt-response]").TextContent);

        var frame = page.Find("iframe[data-testid=rendered-html]");
        Assert.True(frame.HasAttribute("sandbox"));
        Assert.Equal(string.Empty, frame.GetAttribute("sandbox"));
        Assert.Contains("Hello <strong>Ada</strong>", frame.GetAttribute("srcdoc"));
        Assert.Equal("Hello Ada", page.Find("[data-testid=rendered-text]").TextContent.Trim());
        Assert.Contains("No opens or clicks recorded", page.WaitForElement("[data-testid=no-hits]", Deadline).TextContent);
        // Viewing the message fetches nothing: not its open pixel, not its images.
        Assert.Contains("<head>" + NotificationOps.Dashboard.Components.Pages.Messages.RenderedHtmlPolicy.Meta, frame.GetAttribute("srcdoc"));
    }

    [Fact]
    public async Task Page_KeepsMessageHtmlInsideSrcdoc_WhenHtmlCarriesScriptAndHandlers()
    {
        var id = await DeliveredEmailAsync("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>");

        var page = RenderLoaded(id);

        var srcdoc = page.Find("iframe[data-testid=rendered-html]").GetAttribute("srcdoc")!;
        Assert.Contains("<script>alert(1)</script>", srcdoc);
        Assert.Contains("onerror=alert(1)", srcdoc);
        Assert.Empty(page.FindAll("script"));
        Assert.Empty(page.FindAll("[onerror]"));
        Assert.Empty(page.FindAll("img"));
        // The text part shows the same HTML as text, never as elements.
        Assert.Contains("alert(1)", page.Find("[data-testid=rendered-text]").TextContent);
    }

    [Fact]
    public void Page_ShowsNotFoundState_ForUnknownId()
    {
        var page = Render<MessageDetailPage>(p => p.Add(x => x.Id, "no-such-message"));

        var notFound = page.WaitForElement("[data-testid=not-found]", Deadline);
        Assert.Contains("No message with id no-such-message", notFound.TextContent);
        Assert.Equal("/", notFound.QuerySelector("a")!.GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=timeline]"));
    }

    [Fact]
    public async Task RetryButton_IsDisabled_ForDeliveredMessage()
    {
        var id = await DeliveredEmailAsync("Hello");

        var page = RenderLoaded(id);

        Assert.True(page.Find("[data-testid=retry]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=cancel]").HasAttribute("disabled"));
        Assert.False(page.Find("[data-testid=resend]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task RetryButton_IsEnabled_ForUndeliverableMessage()
    {
        var id = await UndeliverableSmsAsync();

        var page = RenderLoaded(id);

        Assert.Equal("UNDELIVERABLE", page.Find("[data-testid=status]").TextContent.Trim());
        Assert.False(page.Find("[data-testid=retry]").HasAttribute("disabled"));
        Assert.Contains("recipient rejected", page.Find("[data-testid=failure]").TextContent);
        Assert.Contains("permanent failure", page.Find("[data-testid=attempt-outcome]").TextContent);
    }

    [Fact]
    public async Task Retry_AfterConfirmation_RecordsTheRequestAndShowsItAtOnce()
    {
        var id = await UndeliverableSmsAsync();
        var dialogs = Render<MudDialogProvider>();
        var page = RenderLoaded(id);

        // The click completes only once the dialog is answered; the dialog says which message it means and why it failed.
        var click = page.Find("[data-testid=retry]").ClickAsync(new());
        var summary = dialogs.WaitForElement("[data-testid=confirm-summary]", Deadline).TextContent;
        Assert.Contains(id, summary);
        Assert.Contains("UNDELIVERABLE", summary);
        await ConfirmAsync(dialogs, "Retry now");
        await click;

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=event-type]"), e => e.TextContent.Trim() == MessageEventTypes.RetryRequested), Deadline);
        Assert.Contains(await engine.HistoryAsync(id), e => e.Type == MessageEventTypes.RetryRequested && e.Source == MessageEventSources.Operator);
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message != null && s.Message.Contains("new attempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retry_ShowsWhatTheNewAttemptLedTo_NotJustThatItWasQueued()
    {
        var id = await UndeliverableSmsAsync();
        var dialogs = Render<MudDialogProvider>();
        var page = RenderLoaded(id);

        var click = page.Find("[data-testid=retry]").ClickAsync(new());
        await ConfirmAsync(dialogs, "Retry now");
        await click;

        page.WaitForAssertion(() => Assert.Contains("queued, waiting", page.Find("[data-testid=retry-outcome]").TextContent), Deadline);
        await engine.RunSendJobAsync(id);
        engine.Time.Advance(MessageDetailPage.RefreshInterval);

        // The provider rejects the recipient again: the page says so, with the reason, rather than "done".
        page.WaitForAssertion(() => Assert.Equal("UNDELIVERABLE", page.Find("[data-testid=retry-outcome]").GetAttribute("data-status")), Deadline);
        var outcome = page.Find("[data-testid=retry-outcome]");
        Assert.Contains("failed again", outcome.TextContent);
        Assert.Contains("recipient rejected", outcome.TextContent);
        Assert.NotNull(outcome.QuerySelector("[data-testid=reason-chip]"));
    }

    [Fact]
    public async Task ResentCopy_FollowsTheCopyToItsOutcome()
    {
        var original = await DeliveredEmailAsync("Hello");
        var copy = await PageMessages.EnqueuedEmailAsync(engine);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/messages/{copy}?resent_from={original}");
        var page = RenderLoaded(copy);
        Assert.Contains($"Resent as a copy of {original}", page.Find("[data-testid=resend-outcome]").TextContent);

        await engine.RunSendJobAsync(copy);
        engine.Time.Advance(MessageDetailPage.RefreshInterval);

        page.WaitForAssertion(() => Assert.Contains("delivered", page.Find("[data-testid=resend-outcome] [data-testid=outcome-text]").TextContent), Deadline);
    }

    [Fact]
    public async Task Cancel_AfterConfirmation_CancelsEnqueuedMessageAndShowsIt()
    {
        var id = await PageMessages.EnqueuedEmailAsync(engine);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderLoaded(id);
        Assert.True(page.Find("[data-testid=retry]").HasAttribute("disabled"));

        // The click completes only once the dialog is answered.
        var click = page.Find("[data-testid=cancel]").ClickAsync(new());
        await ConfirmAsync(dialogs, "Cancel message");
        await click;

        page.WaitForAssertion(() => Assert.Equal("CANCELED", page.Find("[data-testid=status]").TextContent.Trim()), Deadline);
        Assert.Equal(MessageStatus.Canceled, (await engine.MessageAsync(id)).Status);
        Assert.True(page.Find("[data-testid=cancel]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Resend_AfterConfirmation_CreatesCopyAndNavigatesToIt()
    {
        var id = await DeliveredEmailAsync("Hello");
        var dialogs = Render<MudDialogProvider>();
        var page = RenderLoaded(id);

        // The click completes only once the dialog is answered.
        var click = page.Find("[data-testid=resend]").ClickAsync(new());
        await ConfirmAsync(dialogs, "Resend message");
        await click;

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("/messages/", navigation.Uri, StringComparison.Ordinal), Deadline);
        var copyId = new Uri(navigation.Uri).AbsolutePath.Split('/')[^1];
        Assert.NotEqual(id, copyId);
        // The copy's page is told it is a resend, so it follows the copy's outcome.
        Assert.EndsWith($"?resent_from={id}", navigation.Uri, StringComparison.Ordinal);
        Assert.Contains(await engine.HistoryAsync(copyId), e => e.Type == MessageEventTypes.ResendOf);
        Assert.Equal("resend", (await engine.MessageAsync(copyId)).Tags);
    }

    [Fact]
    public async Task Page_RefreshesItself_WhileMessageIsNotSettled()
    {
        var id = await PageMessages.EnqueuedEmailAsync(engine);
        var page = RenderLoaded(id);
        Assert.Equal("ENQUEUED", page.Find("[data-testid=status]").TextContent.Trim());

        await engine.RunSendJobAsync(id);
        engine.Time.Advance(MessageDetailPage.RefreshInterval);

        page.WaitForAssertion(() => Assert.Equal("DELIVERED", page.Find("[data-testid=status]").TextContent.Trim()), Deadline);
        Assert.Single(page.FindAll("[data-testid=attempt-outcome]"));
    }

    private IRenderedComponent<MessageDetailPage> RenderLoaded(string id)
    {
        var page = Render<MessageDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=summary]", Deadline);
        return page;
    }

    private static async Task ConfirmAsync(IRenderedComponent<MudDialogProvider> dialogs, string yesText)
    {
        var yes = dialogs.WaitForElements(".mud-dialog button", Deadline).Single(b => b.TextContent.Trim() == yesText);
        await yes.ClickAsync(new());
    }

    private Task<string> DeliveredEmailAsync(string body) => PageMessages.DeliveredEmailAsync(engine, body);

    private Task<string> UndeliverableSmsAsync() => PageMessages.UndeliverableSmsAsync(engine);
}
