using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Components.Pages.EventLog;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.EventLog;

public sealed class EventLogPageTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
            ["Providers:sim-email:DeliveryDelayMs"] = "0",
        });
        // The page's real Engine services over the temp database, not stand-ins.
        Services.AddSingleton(engine.Services.GetRequiredService<MessageQueries>());
        Services.AddSingleton(engine.Services.GetRequiredService<MessageCounts>());
        Services.AddSingleton(engine.Services.GetRequiredService<NotificationOps.Engine.Operations.BulkOperations>());
        Services.AddSingleton(engine.Services.GetRequiredService<NotificationOps.Engine.Providers.ProviderRegistry>());
        Services.AddSingleton<TimeProvider>(engine.Time);
    }

    async Task IAsyncLifetime.DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task Grid_RendersEveryMessageWithItsStatusChip_NewestFirst()
    {
        await SendAsync("delivered@example.com", run: true);
        await SendAsync("waiting@example.com", run: false);

        var page = Render<EventLogPage>();

        page.WaitForAssertion(() =>
        {
            var recipients = page.FindAll("[data-testid=recipient-cell]").Select(c => c.TextContent).ToList();
            Assert.Equal(["waiting@example.com", "delivered@example.com"], recipients);
        });
        var chips = page.FindAll("[data-testid=grid] .status-chip").Select(c => c.GetAttribute("data-status")).ToList();
        Assert.Equal(["ENQUEUED", "DELIVERED"], chips);
    }

    [Fact]
    public async Task StatusChip_ShowsItsCount_AndClickingItPutsTheFilterInTheQueryString()
    {
        await SendAsync("a@example.com", run: true);
        await SendAsync("b@example.com", run: true);
        await SendAsync("c@example.com", run: false);
        var navigation = Services.GetRequiredService<NavigationManager>();

        var page = Render<EventLogPage>();

        page.WaitForAssertion(() => Assert.Contains("2", page.Find("[data-testid=status-DELIVERED] .chip-count").TextContent));
        // Nothing re-renders the chips now: the live refresh runs on the test's clock, which stands still, and the
        // counts are in. MudChip hands the click on asynchronously, so the navigation is awaited, not assumed.
        page.Find("[data-testid=status-UNDELIVERABLE]").Click();

        await Eventually.HoldsAsync(() => navigation.Uri.EndsWith("/?status=UNDELIVERABLE", StringComparison.Ordinal),
            "the chip's click to put the filter in the query string", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void EmptyLog_SaysHowToGetMessages()
    {
        var page = Render<EventLogPage>();

        page.WaitForAssertion(() => Assert.Contains("No messages yet", page.Find("[data-testid=empty]").TextContent));
    }

    [Fact]
    public async Task TagField_MatchesByPrefix_AndSuggestsTheTagsOfTheData()
    {
        await SendTaggedAsync("a@example.com", "vip");
        await SendTaggedAsync("b@example.com", "vip-gold");
        await SendTaggedAsync("c@example.com", "promo");
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/?tag=vi");

        var page = Render<EventLogPage>();

        page.WaitForAssertion(() => Assert.Equal(["b@example.com", "a@example.com"], page.FindAll("[data-testid=recipient-cell]").Select(c => c.TextContent)));
        page.WaitForAssertion(() => Assert.Equal(["vip", "vip-gold"], page.FindAll("[data-testid=tag-suggestion]").Select(c => c.TextContent.Trim())));
        page.FindAll("[data-testid=tag-suggestion]")[1].Click();
        await Eventually.HoldsAsync(() => navigation.Uri.EndsWith("/?tag=vip-gold", StringComparison.Ordinal),
            "picking a suggestion to put it in the query string", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task TemplateField_SaysWhyNothingMatched_WhenNoTemplateStartsSo()
    {
        await SendTaggedAsync("a@example.com", "vip");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?template=zz");

        var page = Render<EventLogPage>();

        page.WaitForAssertion(() => Assert.Contains("No template starts with “zz”", page.Find("[data-testid=template-no-match]").TextContent));
        Assert.Contains("template starting with “zz”", page.Find("[data-testid=empty]").TextContent);
    }

    private async Task SendTaggedAsync(string email, string tag)
    {
        await engine.SendAsync("{\"message\":{\"to\":{\"email\":\"" + email + "\"},\"content\":{\"body\":\"hi\"},\"metadata\":{\"tags\":[\"" + tag + "\"]},\"routing\":{\"channels\":[\"email\"]}}}");
        engine.Time.Advance(TimeSpan.FromSeconds(1));
    }

    private async Task<string> SendAsync(string email, bool run)
    {
        var id = (await engine.SendAsync("{\"message\":{\"to\":{\"email\":\"" + email + "\"},\"content\":{\"body\":\"hi\"},\"routing\":{\"channels\":[\"email\"]}}}")).Single();
        engine.Time.Advance(TimeSpan.FromSeconds(1));
        if (run)
        {
            await engine.RunSendJobAsync(id);
        }

        return id;
    }
}
