using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Messages;

public sealed class MessageResenderTests
{
    private static readonly Dictionary<string, string?> SimulatedEmail = new()
    {
        ["Providers:sim-email:Type"] = "simulated",
        ["Providers:sim-email:Channel"] = "email",
        ["Providers:sim-email:DeliveryDelayMs"] = "0",
        // Tracked links carry the message id; with tracking off the copy renders exactly what the original did.
        ["Tracking:Channels:email"] = "false",
    };

    [Fact]
    public async Task ResendAsync_CreatesNewMessageWithSameContent_AndNotesOnBoth()
    {
        await using var engine = await EngineHost.CreateAsync(SimulatedEmail);
        var original = (await engine.SendAsync("""{"message":{"to":{"email":"ada@example.com"},"content":{"title":"Hi {{name}}","body":"Hello **{{name}}**"},"data":{"name":"Ada"},"metadata":{"tags":["welcome"],"trace_id":"trace-7"}}}""")).Single();
        await engine.RunSendJobAsync(original);
        var before = await engine.MessageAsync(original);

        var copyId = await engine.Services.GetRequiredService<MessageResender>().ResendAsync(original, MessageEventSources.Operator);

        Assert.NotNull(copyId);
        Assert.NotEqual(original, copyId);
        var copy = await engine.MessageAsync(copyId);
        Assert.Equal(MessageStatus.Enqueued, copy.Status);
        Assert.NotEqual(before.RequestId, copy.RequestId);
        Assert.Equal("ada@example.com", copy.Recipient);
        Assert.Equal("resend,welcome", copy.Tags);
        Assert.Equal("trace-7", copy.TraceId);
        var originalRequest = JsonNode.Parse(before.RequestJson)!;
        var copyRequest = JsonNode.Parse(copy.RequestJson)!;
        Assert.True(JsonNode.DeepEquals(originalRequest["message"]!["content"], copyRequest["message"]!["content"]));
        Assert.True(JsonNode.DeepEquals(originalRequest["message"]!["data"], copyRequest["message"]!["data"]));
        Assert.True(JsonNode.DeepEquals(originalRequest["to"], copyRequest["to"]));

        var originalNote = Assert.Single(await engine.HistoryAsync(original), e => e.Type == MessageEventTypes.ResentAs);
        Assert.Equal(copyId, MessageResender.RelatedMessageId(originalNote));
        Assert.Equal(MessageEventSources.Operator, originalNote.Source);
        Assert.Equal(MessageStatus.Delivered, (await engine.MessageAsync(original)).Status);
        var copyHistory = await engine.HistoryAsync(copyId);
        Assert.Equal(["ENQUEUED", MessageEventTypes.ResendOf], copyHistory.Select(e => e.Type));
        Assert.Equal(MessageEventSources.Operator, copyHistory[0].Source);
        Assert.Equal(original, MessageResender.RelatedMessageId(copyHistory[1]));

        await engine.RunSendJobAsync(copyId);
        var delivered = await engine.MessageAsync(copyId);
        Assert.Equal(MessageStatus.Delivered, delivered.Status);
        Assert.Equal(before.OutputJson, delivered.OutputJson);
    }

    [Fact]
    public async Task ResendAsync_SendsNow_WhenOriginalWasDelayed()
    {
        await using var engine = await EngineHost.CreateAsync(SimulatedEmail);
        var original = (await engine.SendAsync("""{"message":{"to":{"email":"ada@example.com"},"content":{"body":"later"},"delay":{"duration":3600000},"metadata":{"tags":["resend"]}}}""")).Single();

        var copyId = await engine.Services.GetRequiredService<MessageResender>().ResendAsync(original, MessageEventSources.Operator);

        var copy = await engine.MessageAsync(copyId!);
        Assert.Equal(MessageStatus.Enqueued, copy.Status);
        Assert.Equal(engine.Time.GetUtcNow(), copy.NextAttemptAt);
        Assert.Equal("resend", copy.Tags);
        Assert.Equal(MessageStatus.Delayed, (await engine.MessageAsync(original)).Status);
    }

    [Fact]
    public async Task ResendAsync_ReturnsNull_ForUnknownId()
    {
        await using var engine = await EngineHost.CreateAsync(SimulatedEmail);

        Assert.Null(await engine.Services.GetRequiredService<MessageResender>().ResendAsync("no-such-message", MessageEventSources.Operator));
    }
}
