using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Tests.Webhooks.Outbound;

/// <summary>The store's lease outlasts what a live job can take over a batch, so the sweep never hands it to a second job.</summary>
public sealed class WebhookDeliveryStoreTests
{
    [Theory]
    [InlineData("8", "10")]
    [InlineData("1", "30")]
    public async Task RecordAndLeaseAsync_LeasesLongerThanTwoBatchesOfTimeouts(string concurrency, string timeoutSeconds)
    {
        await using var fixture = await WebhookFixture.CreateAsync(settings: new()
        {
            ["Webhooks:MaxConcurrencyPerEndpoint"] = concurrency,
            ["Webhooks:TimeoutSeconds"] = timeoutSeconds,
        });
        var now = fixture.Engine.Time.GetUtcNow();
        await using (var db = fixture.Engine.CreateContext())
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                EndpointId = fixture.Endpoint.Id,
                WebhookId = WebhookOutbox.NewWebhookId(),
                EventType = "message:updated",
                MessageId = "m-1",
                Payload = """{"type":"message:updated","data":{"id":"m-1"}}""",
                OccurredAt = now,
                State = WebhookDeliveryState.Pending,
                NextAttemptAt = now,
            });
            await db.SaveChangesAsync();
        }

        var leased = Assert.Single(await fixture.Engine.Services.GetRequiredService<WebhookDeliveryStore>()
            .RecordAndLeaseAsync(fixture.Endpoint.Id, null, lease: true, CancellationToken.None));

        // The batch in flight and this one, every request of both timing out, as many at once as allowed.
        var waves = Math.Ceiling(WebhookDeliveryStore.BatchSize / double.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture));
        var worst = TimeSpan.FromSeconds(2 * waves * int.Parse(timeoutSeconds, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(leased.LeaseUntil - now > worst, $"leased until {leased.LeaseUntil:O}, {worst} after {now:O} needed");
        Assert.True(leased.LeaseUntil - now >= TimeSpan.FromMinutes(5));
    }
}
