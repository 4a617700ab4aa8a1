using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Operations;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Operations;

public sealed class BulkOperationsTests
{
    private static string Send(string email, string extra = "") =>
        "{\"message\":{\"to\":{\"email\":\"" + email + "\"},\"content\":{\"body\":\"hi\"},\"routing\":{\"channels\":[\"email\"]}" + extra + "}}";

    [Fact]
    public async Task Retry_AllMatchingFilter_DryRunThenRun_CountsWhatWasDoneAndRefused()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(400, "{\"error\":\"invalid\"}");
        await using var engine = await EngineHost.CreateAsync(Sending.SendJobTests.Webhooks(("hook-a", fake)));
        var failed = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = (await engine.SendAsync(Send($"fail{i}@example.com", ",\"metadata\":{\"tags\":[\"bulk\"]}"))).Single();
            await engine.RunSendJobAsync(id);
            failed.Add(id);
        }

        var pending = (await engine.SendAsync(Send("pending@example.com", ",\"metadata\":{\"tags\":[\"bulk\"]}"))).Single();
        var bulk = engine.Services.GetRequiredService<BulkOperations>();
        var filter = new MessageFilter { Tags = ["bulk"] };

        var preview = await bulk.PreviewAsync(BulkOperationKind.Retry, filter, null);
        Assert.Equal(6, preview.Total);
        Assert.Equal(5, preview.Eligible);
        Assert.Equal(5, preview.ByStatus[MessageStatus.Undeliverable]);

        var operationId = await bulk.StartAsync(BulkOperationKind.Retry, filter, null, "admin@example.com");
        await engine.Services.GetRequiredService<BulkOperationJob>().RunAsync(operationId, CancellationToken.None);

        var operation = (await bulk.FindAsync(operationId))!;
        Assert.Equal(BulkOperationState.Completed, operation.State);
        Assert.Equal(6, operation.Processed);
        Assert.Equal(5, operation.Succeeded);
        Assert.Equal(1, operation.Refused);
        var refusals = JsonSerializer.Deserialize<BulkRefusals>(operation.RefusalsJson!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(pending, Assert.Single(refusals.Examples).MessageId);
        Assert.Contains("ENQUEUED", Assert.Single(refusals.Counts).Key);
        foreach (var id in failed)
        {
            Assert.Contains(await engine.HistoryAsync(id), e => e.Type == MessageEventTypes.RetryRequested && e.Source == MessageEventSources.Operator);
            Assert.NotNull((await engine.MessageAsync(id)).NextAttemptAt);
        }
    }

    [Fact]
    public async Task Cancel_SelectedRows_CancelsOnlyThoseThatCanBe()
    {
        await using var engine = await EngineHost.CreateAsync(Sending.SendJobTests.Simulated(deliveryDelayMs: 0));
        var delayed = (await engine.SendAsync(Send("later@example.com", ",\"delay\":{\"duration\":600000}"))).Single();
        var delivered = (await engine.SendAsync(Send("now@example.com"))).Single();
        await engine.RunSendJobAsync(delivered);
        var bulk = engine.Services.GetRequiredService<BulkOperations>();

        var operationId = await bulk.StartAsync(BulkOperationKind.Cancel, null, [delayed, delivered], null);
        await engine.Services.GetRequiredService<BulkOperationJob>().RunAsync(operationId, CancellationToken.None);

        Assert.Equal(MessageStatus.Canceled, (await engine.MessageAsync(delayed)).Status);
        Assert.Equal(MessageStatus.Delivered, (await engine.MessageAsync(delivered)).Status);
        var operation = (await bulk.FindAsync(operationId))!;
        Assert.Equal((1, 1, 2), (operation.Succeeded, operation.Refused, operation.Processed));
    }

    [Fact]
    public async Task Job_ResumesFromItsCursor_AfterARestart()
    {
        await using var engine = await EngineHost.CreateAsync(Sending.SendJobTests.Simulated(deliveryDelayMs: 0));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.AddRange(await engine.SendAsync(Send($"d{i}@example.com", ",\"delay\":{\"duration\":600000}")));
        }

        var bulk = engine.Services.GetRequiredService<BulkOperations>();
        var operationId = await bulk.StartAsync(BulkOperationKind.Cancel, null, ids, null);
        // As if a previous run had handled the first message and then the process died.
        await using (var db = engine.CreateContext())
        {
            await db.BulkOperations.Where(o => o.Id == operationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Cursor, "1").SetProperty(o => o.Processed, 1).SetProperty(o => o.Succeeded, 1));
        }

        await engine.Services.GetRequiredService<BulkOperationJob>().RunAsync(operationId, CancellationToken.None);

        Assert.Equal(MessageStatus.Delayed, (await engine.MessageAsync(ids[0])).Status);
        Assert.Equal(MessageStatus.Canceled, (await engine.MessageAsync(ids[1])).Status);
        Assert.Equal(MessageStatus.Canceled, (await engine.MessageAsync(ids[2])).Status);
        Assert.Equal(3, (await bulk.FindAsync(operationId))!.Processed);
    }
}
