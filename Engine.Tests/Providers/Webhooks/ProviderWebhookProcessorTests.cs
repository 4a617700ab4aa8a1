using System.Security.Cryptography;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.Providers.SendGrid;

namespace NotificationOps.Engine.Tests.Providers.Webhooks;

/// <summary>What every webhook shares, through SendGrid's: order, duplicates, unknown words, bad bodies, unknown integrations.</summary>
public sealed class ProviderWebhookProcessorTests : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => key.Dispose();

    [Fact]
    public async Task Handle_NeverMovesBackwards_WhenEventsArriveOutOfOrder()
    {
        await using var host = await CreateAsync();

        await PostAsync(host, SendGridWebhookTests.Events(host.MessageId, ("delivered", "e1")));
        await PostAsync(host, SendGridWebhookTests.Events(host.MessageId, ("processed", "e0")));

        Assert.Equal(MessageStatus.Delivered, (await host.MessageAsync()).Status);
        var late = (await host.WebhookEventsAsync()).Last();
        Assert.Equal(MessageEventTypes.ProviderEvent, late.Type);
        Assert.Contains("SendGrid processed", late.Detail);
        Assert.Contains("already DELIVERED", late.Detail);
        Assert.Contains("\"event\":\"processed\"", late.Payload);
    }

    [Fact]
    public async Task Handle_EndsUndeliverableBounced_WhenBounceFollowsDelivered()
    {
        await using var host = await CreateAsync();

        await PostAsync(host, SendGridWebhookTests.Events(host.MessageId, ("delivered", "e1")));
        await PostAsync(host, Bounce(host.MessageId, "e2"));

        var message = await host.MessageAsync();
        Assert.Equal((MessageStatus.Undeliverable, MessageReason.Bounced), (message.Status, message.Reason));
        Assert.Contains("550 5.1.1", message.Error);
        Assert.Equal(["DELIVERED", "UNDELIVERABLE"], (await host.WebhookEventsAsync()).Select(e => e.Type));
    }

    [Fact]
    public async Task Handle_RecordsUnknownStatus_AndIgnoresIt()
    {
        await using var host = await CreateAsync();
        var body = SendGridWebhookTests.Events(host.MessageId, ("teleported", "e1")).Replace("\"category\"", "\"future_field\":{\"x\":1},\"category\"");

        var outcome = await PostAsync(host, body);

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal(MessageStatus.Sent, (await host.MessageAsync()).Status);
        var note = Assert.Single(await host.WebhookEventsAsync());
        Assert.Equal(MessageEventTypes.ProviderEvent, note.Type);
        Assert.Contains("does not document", note.Detail);
        Assert.Contains("future_field", note.Payload);
    }

    [Fact]
    public async Task Handle_StoresDuplicateEventsOnce_WithinOneBatch()
    {
        await using var host = await CreateAsync();

        var outcome = await PostAsync(host, SendGridWebhookTests.Events(host.MessageId, ("delivered", "e1"), ("delivered", "e1"), ("open", "e2")));

        Assert.Equal((2, 1), (outcome.Applied, outcome.Duplicates));
        Assert.Equal(["DELIVERED", "OPENED"], (await host.WebhookEventsAsync()).Select(e => e.Type));
        Assert.Equal(2, await host.ReceiptCountAsync());
    }

    [Fact]
    public async Task Handle_FindsMessageByProviderId_WhenCustomArgIsAbsent()
    {
        await using var host = await CreateAsync();
        await host.SetProviderMessageIdAsync("14c5d75ce93");

        await PostAsync(host, SendGridWebhookTests.Events("not-ours", ("delivered", "e1")));

        Assert.Equal(MessageStatus.Delivered, (await host.MessageAsync()).Status);
    }

    [Fact]
    public async Task Handle_AnswersOkButUnmatched_ForAnUnknownMessage()
    {
        await using var host = await CreateAsync();

        var outcome = await PostAsync(host, SendGridWebhookTests.Events("unknown", ("delivered", "e1")).Replace("14c5d75ce93.", "other."));

        Assert.Equal((200, 1), (outcome.StatusCode, outcome.Unmatched));
        Assert.Empty(await host.WebhookEventsAsync());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"event\":\"delivered\"}")]
    [InlineData("[{\"event\":\"delivered\"}]")]
    public async Task Handle_Is400_AndStoresNothing_ForMalformedBody(string body)
    {
        await using var host = await CreateAsync();

        var outcome = await PostAsync(host, body);

        Assert.Equal(400, outcome.StatusCode);
        Assert.Equal(0, await host.ReceiptCountAsync());
    }

    [Fact]
    public async Task Handle_Is404_ForAnotherProvidersIntegration()
    {
        await using var host = await CreateAsync();

        var outcome = await host.PostAsync("postmark", "{}");

        Assert.Equal(404, outcome.StatusCode);
    }

    private async Task<WebhookTestHost> CreateAsync() =>
        await WebhookTestHost.CreateAsync("sendgrid", new Dictionary<string, string?>
        {
            ["WebhookVerificationKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
        });

    private Task<NotificationOps.Engine.Providers.Webhooks.WebhookOutcome> PostAsync(WebhookTestHost host, string body) =>
        host.PostAsync("sendgrid", body, SendGridWebhookTests.Signed(key, body, host.Engine.Time.GetUtcNow()));

    private static string Bounce(string messageId, string eventId) =>
        "[{\"email\":\"jane@example.test\",\"timestamp\":1513299570,\"event\":\"bounce\",\"type\":\"bounce\",\"reason\":\"550 5.1.1 The email account that you tried to reach does not exist.\",\"status\":\"5.1.1\",\"sg_event_id\":\"" + eventId
        + "\",\"sg_message_id\":\"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0\",\"notificationops_id\":\"" + messageId + "\"}]";
}
