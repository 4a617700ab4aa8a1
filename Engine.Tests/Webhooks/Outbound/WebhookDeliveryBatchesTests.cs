using System.Text.Json;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Tests.Webhooks.Outbound;

/// <summary>The job over several batches: each batch's record shares its transaction with the next batch's lease.</summary>
public sealed class WebhookDeliveryBatchesTests
{
    [Fact]
    public async Task RunAsync_SendsEveryRowOnceAndRecordsIt_InOrderPerMessage_AcrossBatches()
    {
        await using var fixture = await WebhookFixture.CreateAsync();
        var now = fixture.Engine.Time.GetUtcNow();
        // Two and a half batches; "m-late" has its first event last in the first batch and its later ones after it.
        var count = WebhookDeliveryStore.BatchSize * 5 / 2;
        var late = WebhookDeliveryStore.BatchSize - 1;
        await using (var db = fixture.Engine.CreateContext())
        {
            db.WebhookDeliveries.AddRange(Enumerable.Range(0, count).Select(i =>
            {
                var message = i >= late && i < late + 3 ? "m-late" : $"m-{i}";
                return new WebhookDelivery
                {
                    EndpointId = fixture.Endpoint.Id,
                    WebhookId = WebhookOutbox.NewWebhookId(),
                    EventType = "message:updated",
                    MessageId = message,
                    Payload = $$$"""{"type":"message:updated","data":{"seq":{{{i}}},"id":"{{{message}}}"}}""",
                    OccurredAt = now,
                    State = WebhookDeliveryState.Pending,
                    NextAttemptAt = now,
                };
            }));
            await db.SaveChangesAsync();
        }

        fixture.Receiver.Responder = request => request.Body.Contains("\"seq\":5,", StringComparison.Ordinal) ? new FakeResponse(503) : null;

        Assert.Equal(count, await fixture.DeliverAsync());

        var requests = fixture.Receiver.Requests;
        Assert.Equal(count, requests.Select(r => r.Headers["webhook-id"]).Distinct().Count());
        Assert.Equal(count, requests.Count);
        var data = requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data")).ToList();
        Assert.Equal([late, late + 1, late + 2], data.Where(d => d.GetProperty("id").GetString() == "m-late").Select(d => d.GetProperty("seq").GetInt32()));

        var stored = await fixture.DeliveriesAsync();
        Assert.Equal(count - 1, stored.Count(d => d.State == WebhookDeliveryState.Delivered && d.Attempts == 1 && d.LeaseUntil == null));
        var retry = Assert.Single(stored, d => d.State == WebhookDeliveryState.Pending);
        Assert.Equal((1, now.AddSeconds(5), (DateTimeOffset?)null), (retry.Attempts, retry.NextAttemptAt, retry.LeaseUntil));
        await using var check = fixture.Engine.CreateContext();
        Assert.Equal(count, check.WebhookAttempts.Count());
    }
}
