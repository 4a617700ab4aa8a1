using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Operations;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Operations;

/// <summary>Issue 17, item 1: a bulk retry reports what became of the messages it requeued, not only that it queued them.</summary>
public sealed class BulkOutcomeTests
{
    private static string Send(string to, string extra = "") =>
        "{\"message\":{\"to\":" + to + ",\"content\":{\"body\":\"hi\"},\"routing\":{\"channels\":[\"email\"]}" + extra + "}}";

    [Fact]
    public async Task OutcomeAsync_CountsTheRequeuedMessagesByTheirStatusNow_AndTheFilterListsExactlyThem()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(400, "{\"error\":\"mailbox unavailable\"}");
        await using var engine = await EngineHost.CreateAsync(Sending.SendJobTests.Webhooks(("hook-a", fake)));
        var failed = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var id = (await engine.SendAsync(Send($"{{\"email\":\"fail{i}@example.com\"}}", ",\"metadata\":{\"tags\":[\"bulk\"]}"))).Single();
            await engine.RunSendJobAsync(id);
            failed.Add(id);
        }

        // A failure outside the operation's filter: never counted, never listed.
        var other = (await engine.SendAsync(Send("{\"email\":\"other@example.com\"}"))).Single();
        await engine.RunSendJobAsync(other);
        var bulk = engine.Services.GetRequiredService<BulkOperations>();

        var operationId = await bulk.StartAsync(BulkOperationKind.Retry, new MessageFilter { Tags = ["bulk"] }, null, "admin@example.com");
        await engine.Services.GetRequiredService<BulkOperationJob>().RunAsync(operationId, CancellationToken.None);

        var queued = await bulk.OutcomeAsync(operationId);
        Assert.Equal((4, 4, 0, 0), (queued.Touched, queued.Pending, queued.Delivered + queued.Sent, queued.Failed));

        // Two get through now, two fail again.
        fake.Default = new FakeResponse(200, "{\"ok\":true}");
        await engine.RunSendJobAsync(failed[0]);
        await engine.RunSendJobAsync(failed[1]);
        fake.Default = new FakeResponse(400, "{\"error\":\"mailbox unavailable\"}");
        await engine.RunSendJobAsync(failed[2]);
        await engine.RunSendJobAsync(failed[3]);

        var outcome = await bulk.OutcomeAsync(operationId);
        Assert.Equal(4, outcome.Touched);
        Assert.Equal(2, outcome.Delivered + outcome.Sent);
        Assert.Equal(2, outcome.Failed);
        Assert.Equal(2, outcome.FailedByReason[MessageReason.ProviderError]);

        var queries = engine.Services.GetRequiredService<MessageQueries>();
        var listed = await queries.ListAsync(new MessageFilter { BulkOperationId = operationId }, null, 50);
        Assert.Equal(failed.Order(StringComparer.Ordinal), listed.Items.Select(m => m.Id).Order(StringComparer.Ordinal));
        var failedAgain = await queries.ListAsync(new MessageFilter { BulkOperationId = operationId, Reasons = [MessageReason.ProviderError] }, null, 50);
        Assert.Equal(failed[2..].Order(StringComparer.Ordinal), failedAgain.Items.Select(m => m.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Retry_LeavesOutMessagesThatWouldFailTheSameWay_UnlessIncluded()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(400, "{\"error\":\"mailbox unavailable\"}");
        await using var engine = await EngineHost.CreateAsync(Sending.SendJobTests.Webhooks(("hook-a", fake)));
        // No profile, so no email address: UNROUTABLE, NO_CHANNELS, and a retry cannot change that.
        var unroutable = (await engine.SendAsync(Send("{\"user_id\":\"nobody\"}"))).Single();
        await engine.RunSendJobAsync(unroutable);
        var message = await engine.MessageAsync(unroutable);
        Assert.Equal((MessageStatus.Unroutable, MessageReason.NoChannels), (message.Status, message.Reason));
        var failed = (await engine.SendAsync(Send("{\"email\":\"fail@example.com\"}"))).Single();
        await engine.RunSendJobAsync(failed);
        var bulk = engine.Services.GetRequiredService<BulkOperations>();
        var ids = new[] { unroutable, failed };

        var preview = await bulk.PreviewAsync(BulkOperationKind.Retry, null, ids);
        Assert.Equal(2, preview.Eligible);
        Assert.Equal(1, preview.Unfixable[MessageReason.NoChannels]);
        var byFilter = await bulk.PreviewAsync(BulkOperationKind.Retry, new MessageFilter(), null);
        Assert.Equal(1, byFilter.UnfixableTotal);

        var leftOut = await bulk.StartAsync(BulkOperationKind.Retry, null, ids, null);
        await engine.Services.GetRequiredService<BulkOperationJob>().RunAsync(leftOut, CancellationToken.None);
        var operation = (await bulk.FindAsync(leftOut))!;
        Assert.Equal((1, 1), (operation.Succeeded, operation.Refused));
        Assert.Contains("NO_CHANNELS", Assert.Single(BulkRefusals.Parse(operation.RefusalsJson).Counts).Key);
        Assert.Equal(1, (await bulk.OutcomeAsync(leftOut)).Touched);

        var included = await bulk.StartAsync(BulkOperationKind.Retry, null, [unroutable], null, includeUnfixable: true);
        await engine.Services.GetRequiredService<BulkOperationJob>().RunAsync(included, CancellationToken.None);
        Assert.Equal(1, (await bulk.FindAsync(included))!.Succeeded);
    }

    [Fact]
    public async Task DismissAsync_HidesTheOperationFromRecent_ButKeepsItsMessages()
    {
        await using var engine = await EngineHost.CreateAsync(Sending.SendJobTests.Simulated(deliveryDelayMs: 0));
        var delayed = (await engine.SendAsync(Send("{\"email\":\"later@example.com\"}", ",\"delay\":{\"duration\":600000}"))).Single();
        var bulk = engine.Services.GetRequiredService<BulkOperations>();
        var operationId = await bulk.StartAsync(BulkOperationKind.Cancel, null, [delayed], null);
        await engine.Services.GetRequiredService<BulkOperationJob>().RunAsync(operationId, CancellationToken.None);
        Assert.Single(await bulk.RecentAsync(TimeSpan.FromHours(1)));

        Assert.True(await bulk.DismissAsync(operationId));

        Assert.Empty(await bulk.RecentAsync(TimeSpan.FromHours(1)));
        Assert.Equal(1, (await bulk.OutcomeAsync(operationId)).Canceled);
    }
}
