using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Components.Pages.Analytics;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Analytics;

/// <summary>The Analytics page over the real analytics service and aggregated rows in a temp database.</summary>
public sealed class AnalyticsPageTests : MudBlazorTestContext, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private EngineHost engine = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        Services.AddSingleton(engine.Services.GetRequiredService<TrackingAnalytics>());
        Services.AddSingleton<TimeProvider>(engine.Time);
        var today = DateOnly.FromDateTime(engine.Time.GetUtcNow().UtcDateTime);
        await using var db = engine.CreateContext();
        db.TemplateDailyStats.AddRange(
            Stats("welcome", "email", today, sent: 100, delivered: 90, uniqueOpens: 45, uniqueClicks: 9, machineOpens: 30, machineClicks: 6),
            Stats("welcome", "email", today.AddDays(-1), sent: 50, delivered: 50, uniqueOpens: 20, uniqueClicks: 4, machineOpens: 5),
            Stats("receipt", "sms", today, sent: 10, delivered: 10, uniqueOpens: 0, uniqueClicks: 1, machineOpens: 0),
            Stats("welcome", "email", today.AddDays(-60), sent: 1000, delivered: 1000, uniqueOpens: 1000, uniqueClicks: 1000, machineOpens: 0));
        db.LinkDailyStats.AddRange(
            new LinkDailyStats { Template = "welcome", LinkId = "eh0", Day = today, Url = "https://shop.example/", Text = "Shop now", UniqueClicks = 8, TotalClicks = 11, MachineClicks = 6 },
            new LinkDailyStats { Template = "welcome", LinkId = "eh1", Day = today, Url = "https://shop.example/help", Text = "Help", UniqueClicks = 3, TotalClicks = 3, MachineClicks = 0 },
            new LinkDailyStats { Template = "receipt", LinkId = "st0", Day = today, Url = "https://parcel.example/", Text = null, UniqueClicks = 1, TotalClicks = 1, MachineClicks = 0 });
        await db.SaveChangesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Fact]
    public void Page_ShowsFunnelOfThePeriod_WithMachineHitsApart()
    {
        var page = Render<AnalyticsPage>();

        page.WaitForElement("[data-testid=funnel]", Deadline);
        Assert.Equal(["160", "150", "65", "14"],
            new[] { "sent", "delivered", "opened", "clicked" }.Select(k => page.Find($"[data-testid=funnel-{k}] [data-testid=funnel-value]").TextContent.Trim()));
        Assert.Contains("35 opens", page.Find("[data-testid=machine-hits]").TextContent);
        Assert.Contains("6 clicks", page.Find("[data-testid=machine-hits]").TextContent);
        Assert.NotNull(page.Find("[data-testid=chart]"));
    }

    [Fact]
    public void Page_FiltersByTemplateAndChannel_FromTheQueryString_AndListsItsLinks()
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/analytics?template=welcome&channel=email&days=7");

        var page = Render<AnalyticsPage>();

        page.WaitForElement("[data-testid=funnel]", Deadline);
        Assert.Equal("150", page.Find("[data-testid=funnel-sent] [data-testid=funnel-value]").TextContent.Trim());
        var rows = page.FindAll("[data-testid=link-row]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Shop now", rows[0].TextContent);
        Assert.Equal(("8", "11", "6"), (rows[0].QuerySelector("[data-testid=link-unique]")!.TextContent, rows[0].QuerySelector("[data-testid=link-total]")!.TextContent,
            rows[0].QuerySelector("[data-testid=link-machine]")!.TextContent));
        Assert.DoesNotContain(page.FindAll("[data-testid=link-row]"), r => r.TextContent.Contains("parcel.example"));
    }

    [Fact]
    public void Page_CountsOneHitInTheSingular()
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/analytics?template=receipt&channel=sms&days=7");

        var page = Render<AnalyticsPage>();

        page.WaitForElement("[data-testid=funnel]", Deadline);
        Assert.Contains("1 click in all", page.Find("[data-testid=funnel-clicked]").TextContent);
        Assert.Contains("0 opens and", page.Find("[data-testid=machine-hits]").TextContent);
    }

    [Fact]
    public void Page_ComputesTheOpenRate_OnlyOverChannelsThatCanBeOpened()
    {
        var page = Render<AnalyticsPage>();

        page.WaitForElement("[data-testid=funnel]", Deadline);
        // 65 unique opens of the 140 email deliveries (46 %), not of all 150 (the 10 SMS have no open pixel: 43 %).
        var note = page.Find("[data-testid=funnel-opened] [data-testid=funnel-note]").TextContent;
        Assert.Contains("46 % of 140 delivered by email", note);
    }

    [Fact]
    public void Page_SaysOpensAreNotTracked_OnAChannelWithoutAnOpenPixel()
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/analytics?channel=sms&days=7");

        var page = Render<AnalyticsPage>();

        page.WaitForElement("[data-testid=funnel]", Deadline);
        Assert.Contains("opens are not tracked on sms", page.Find("[data-testid=funnel-opened] [data-testid=funnel-note]").TextContent);
    }

    [Fact]
    public void Page_ShowsTheFailures_WhenFewerWereDeliveredThanSent()
    {
        var page = Render<AnalyticsPage>();

        page.WaitForElement("[data-testid=funnel]", Deadline);
        Assert.Contains("10 sent messages did not reach delivered", page.Find("[data-testid=not-delivered]").TextContent);
        Assert.Equal("/?status=UNDELIVERABLE&range=30d", page.Find("[data-testid=failures-link]").GetAttribute("href"));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 1)]
    [InlineData(12, 5)]
    [InlineData(90, 20)]
    [InlineData(1000, 200)]
    [InlineData(73_000, 20_000)]
    public void YAxisStep_GivesAboutFiveRoundGridlines_WhateverTheScale(double max, int step)
    {
        Assert.Equal(step, AnalyticsPage.YAxisStep(max));
    }

    private static TemplateDailyStats Stats(string template, string channel, DateOnly day, long sent, long delivered, long uniqueOpens, long uniqueClicks, long machineOpens, long machineClicks = 0) => new()
    {
        Template = template,
        Channel = channel,
        Day = day,
        Sent = sent,
        Delivered = delivered,
        UniqueOpens = uniqueOpens,
        TotalOpens = uniqueOpens * 2,
        UniqueClicks = uniqueClicks,
        TotalClicks = uniqueClicks,
        MachineOpens = machineOpens,
        MachineClicks = machineClicks,
    };
}
