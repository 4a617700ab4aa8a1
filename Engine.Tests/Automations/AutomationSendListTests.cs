using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Tests.Automations;

public sealed class AutomationSendListTests
{
    private const string SendToVips = """
        {"automation":{"steps":[{"action":"send-list","list":"vips","template":"welcome","data":{"name":"friend"}}]},"data":{"plan":"pro"}}
        """;

    [Fact]
    public async Task RunAsync_SendList_FansOutOneMessagePerSubscriber_LinkedToTheStepsRequest()
    {
        await using var h = await AutomationHarness.CreateAsync();
        await SubscribeAsync(h, "ada", "bob", "cy");
        var runId = await h.InvokeAsync(SendToVips);

        await h.RunJobAsync(runId);
        var run = await h.RunAsync(runId);
        var requestId = AutomationIds.ForStep(runId, 0);
        Assert.Equal((AutomationRunStatus.Completed, requestId), (run.Run.Status, run.Steps[0].MessageId));
        await h.Get<FanOutExpander>().ExpandAsync(requestId, CancellationToken.None);

        var messages = await h.MessagesAsync();
        Assert.Equal(["ada", "bob", "cy"], messages.Where(m => m.RequestId == requestId).Select(m => m.RecipientUserId!).Order().ToArray());
        Assert.All(messages, m => Assert.Contains("\"friend\"", m.RequestJson));
    }

    [Fact]
    public async Task RunAsync_SendListStepInterruptedAfterIntake_DoesNotFanOutTwice()
    {
        await using var h = await AutomationHarness.CreateAsync();
        await SubscribeAsync(h, "ada", "bob", "cy");
        var runId = await h.InvokeAsync(SendToVips);
        // A crash after the fan-out was accepted (not yet expanded) but before the step was marked done.
        var requestId = AutomationIds.ForStep(runId, 0);
        await h.Get<SendService>().AcceptAsync(
            SendRequestParser.Parse(JsonNode.Parse("""{"message":{"to":{"list_id":"vips"},"template":"welcome"}}""")) with { RequestId = requestId });

        await h.RunJobAsync(runId);
        await h.Get<FanOutExpander>().ExpandAsync(requestId, CancellationToken.None);

        Assert.Equal(AutomationRunStatus.Completed, (await h.RunAsync(runId)).Run.Status);
        Assert.Equal(3, (await h.MessagesAsync()).Count);
        await using var db = h.Engine.CreateContext();
        Assert.Equal(1, await db.FanOutRequests.CountAsync());
    }

    [Fact]
    public async Task RunAsync_SendListToUnknownList_FailsTheStepNamingTheList()
    {
        await using var h = await AutomationHarness.CreateAsync();
        var runId = await h.InvokeAsync(SendToVips);

        await Assert.ThrowsAsync<AutomationRunFailedException>(() => h.RunJobAsync(runId));

        var run = await h.RunAsync(runId);
        Assert.Equal(AutomationRunStatus.Failed, run.Run.Status);
        Assert.Contains("vips", run.Steps[0].Error);
        Assert.Empty(await h.MessagesAsync());
    }

    private static Task SubscribeAsync(AutomationHarness h, params string[] users) =>
        h.Get<ListService>().AddSubscribersAsync("vips", users.Select(u => new ListRecipient(u)).ToList(), replace: false);
}
