using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Tests.Webhooks.Outbound;

public sealed class WebhookOutboxTests
{
    [Fact]
    public async Task Send_WritesOneRowPerStatusChange_IntakeAndPipeline()
    {
        await using var fixture = await WebhookFixture.CreateAsync();
        var id = (await fixture.Engine.SendAsync(WebhookFixture.EmailSend)).Single();
        Assert.Equal(["ENQUEUED"], (await fixture.DeliveriesAsync()).Select(d => d.Status));

        await fixture.Engine.RunSendJobAsync(id);

        var rows = await fixture.DeliveriesAsync();
        Assert.Equal(["ENQUEUED", "SENT", "DELIVERED"], rows.Select(d => d.Status));
        Assert.All(rows, r => Assert.Equal(id, r.MessageId));
        Assert.All(rows, r => Assert.Equal(WebhookDeliveryState.Pending, r.State));
        Assert.Equal(3, rows.Select(r => r.WebhookId).Distinct().Count());
    }

    [Fact]
    public async Task TryTransitionAsync_OutboxRowExistsExactlyWhenTheStatusChangeCommitted()
    {
        await using var fixture = await WebhookFixture.CreateAsync();
        var id = (await fixture.Engine.SendAsync(WebhookFixture.EmailSend)).Single();
        var writer = fixture.Engine.Services.GetRequiredService<MessageStatusWriter>();
        var writes = fixture.Engine.Services.GetRequiredService<IWriteTransactions>();
        var cancel = new TransitionRequest(id, MessageStatus.Enqueued, MessageStatus.Canceled, MessageEventSources.Operator);

        // The process "dies" before the commit: the transaction is abandoned, and with it both writes.
        await using (var db = fixture.Engine.CreateContext())
        {
            await using var transaction = await writes.BeginAsync(db);
            Assert.True((await writer.TryTransitionAsync(db, cancel)).Applied);
            await db.SaveChangesAsync();
        }

        Assert.Equal(MessageStatus.Enqueued, (await fixture.Engine.MessageAsync(id)).Status);
        Assert.DoesNotContain(await fixture.DeliveriesAsync(), d => d.Status == "CANCELED");

        // It dies right after the commit: the row is there, whoever was to deliver it.
        await using (var db = fixture.Engine.CreateContext())
        {
            Assert.True((await writer.TryTransitionAsync(db, cancel)).Applied);
        }

        Assert.Equal(MessageStatus.Canceled, (await fixture.Engine.MessageAsync(id)).Status);
        Assert.Single(await fixture.DeliveriesAsync(), d => d.Status == "CANCELED");
    }

    [Fact]
    public async Task Recovery_DispatchesCommittedRows_WhenNoJobWasEverEnqueued()
    {
        await using var fixture = await WebhookFixture.CreateAsync();
        await fixture.Engine.SendAsync(WebhookFixture.EmailSend);

        // A fresh dispatcher stands for a restarted process: nothing in memory, only the rows.
        var recovered = await fixture.Engine.Services.GetRequiredService<WebhookDispatcher>().RecoverAsync(startup: true, CancellationToken.None);
        await fixture.DeliverAsync();

        Assert.Equal(1, recovered);
        Assert.Single(fixture.Receiver.Requests);
        Assert.Equal(WebhookDeliveryState.Delivered, (await fixture.DeliveriesAsync()).Single().State);
    }

    [Fact]
    public async Task WriteAsync_WritesNothing_ForEventsTheEndpointDoesNotSubscribeTo()
    {
        await using var fixture = await WebhookFixture.CreateAsync(events: [MessageChange.Clicked]);

        await fixture.Engine.SendAsync(WebhookFixture.EmailSend);

        Assert.Empty(await fixture.DeliveriesAsync());
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public async Task WriteAsync_SkipsMachineHits_UnlessTheEndpointOptsIn(bool machineHits, int expected)
    {
        await using var fixture = await WebhookFixture.CreateAsync(events: [MessageChange.Opened], machineHits: machineHits);
        var id = (await fixture.Engine.SendAsync(WebhookFixture.EmailSend)).Single();
        var outbox = fixture.Engine.Services.GetRequiredService<WebhookOutbox>();
        var writes = fixture.Engine.Services.GetRequiredService<IWriteTransactions>();

        await using (var db = fixture.Engine.CreateContext())
        {
            await using var transaction = await writes.BeginAsync(db);
            await outbox.WriteAsync(db, [
                new MessageChange(id, MessageChange.Opened, null, DateTimeOffset.UtcNow),
                new MessageChange(id, MessageChange.Opened, null, DateTimeOffset.UtcNow) { Machine = true },
            ], CancellationToken.None);
            await transaction.CommitAsync();
        }

        Assert.Equal(expected, (await fixture.DeliveriesAsync()).Count(d => d.EventType == MessageChange.Opened));
    }
}
