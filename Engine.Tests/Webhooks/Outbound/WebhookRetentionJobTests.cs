using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Tests.Webhooks.Outbound;

public sealed class WebhookRetentionJobTests
{
    [Fact]
    public async Task RunAsync_PrunesFinishedDeliveriesOlderThanRetention_KeepsPendingAndRecentOnes()
    {
        await using var fixture = await WebhookFixture.CreateAsync(settings: new() { ["Webhooks:RetentionDays"] = "30" });
        await fixture.Engine.SendAsync(WebhookFixture.EmailSend);
        await fixture.DeliverAsync();
        fixture.Engine.Time.Advance(TimeSpan.FromDays(31));
        fixture.Receiver.Default = new TestSupport.FakeResponse(500);
        await fixture.Engine.SendAsync(WebhookFixture.EmailSend); // attempted now: pending, with a recent attempt
        await fixture.DeliverAsync();
        await fixture.Engine.SendAsync(WebhookFixture.EmailSend); // never attempted: pending

        var pruned = await fixture.Engine.Services.GetRequiredService<WebhookRetentionJob>().RunAsync(CancellationToken.None);

        Assert.Equal(1, pruned);
        var left = await fixture.DeliveriesAsync();
        Assert.Equal(2, left.Count);
        Assert.All(left, d => Assert.Equal(WebhookDeliveryState.Pending, d.State));
        await using var db = fixture.Engine.CreateContext();
        Assert.Equal(1, await db.WebhookAttempts.CountAsync());
    }
}
