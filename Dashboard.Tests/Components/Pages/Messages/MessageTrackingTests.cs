using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Components.Pages.Messages;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Messages;

/// <summary>The opens and clicks of one message on its detail page, machine hits flagged.</summary>
public sealed class MessageTrackingTests : MudBlazorTestContext, IAsyncLifetime
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
        Services.AddSingleton(engine.Services.GetRequiredService<TrackingAnalytics>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Fact]
    public async Task Component_ListsHumanAndMachineHits_WithReasonsAndLinks()
    {
        var id = (await engine.SendAsync("""{"message":{"to":{"email":"ada@example.com"},"content":{"title":"Hi","body":"[Shop](https://shop.example/)"}}}""")).Single();
        await engine.RunSendJobAsync(id);
        var writer = engine.Services.GetRequiredService<TrackingHitWriter>();
        engine.Time.Advance(TimeSpan.FromMinutes(10));
        await writer.WriteAsync(new TrackingHit { MessageId = id, Kind = TrackingHitKind.Open, At = engine.Time.GetUtcNow(), Method = "GET", UserAgent = "Mozilla/5.0", Machine = true, MachineReason = "mail privacy prefetch (Apple Mail Privacy Protection user agent)" });
        await writer.WriteAsync(new TrackingHit { MessageId = id, Kind = TrackingHitKind.Click, LinkId = "eh0", At = engine.Time.GetUtcNow(), Method = "GET", UserAgent = "Firefox", ClientIp = "203.0.113.9" });

        var message = await engine.MessageAsync(id);

        var component = Render<MessageTracking>(p => p.Add(x => x.Message, message));

        component.WaitForElement("[data-testid=hits]", TimeSpan.FromSeconds(10));
        var rows = component.FindAll("[data-testid=hit]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("https://shop.example/", rows[0].TextContent); // newest first: the click
        Assert.NotNull(rows[0].QuerySelector("[data-testid=hit-human]"));
        Assert.NotNull(rows[1].QuerySelector("[data-testid=hit-machine]"));
        Assert.Contains("Apple Mail Privacy Protection", rows[1].TextContent);
        Assert.Contains("Human: 0 opens, 1 click", component.Find("[data-testid=hit-summary]").TextContent);
    }
}
