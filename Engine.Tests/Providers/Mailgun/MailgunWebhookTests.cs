using System.Security.Cryptography;
using System.Text;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.Providers.Webhooks;

namespace NotificationOps.Engine.Tests.Providers.Mailgun;

public sealed class MailgunWebhookTests
{
    private const string SigningKey = "mg-signing-key-0123456789";

    [Fact]
    public async Task Post_AppliesDelivered_WhenSignatureIsValid()
    {
        await using var host = await CreateAsync();

        var outcome = await host.PostAsync("mailgun", Signed(SigningKey, "token-1", host.Engine.Time.GetUtcNow(), Event(host.MessageId, "delivered")));

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal(MessageStatus.Delivered, (await host.MessageAsync()).Status);
    }

    [Fact]
    public async Task Post_Is401_AndStoresNothing_WithWrongKey()
    {
        await using var host = await CreateAsync();

        var outcome = await host.PostAsync("mailgun", Signed("another-key", "token-1", host.Engine.Time.GetUtcNow(), Event(host.MessageId, "delivered")));

        Assert.Equal(401, outcome.StatusCode);
        Assert.Equal(0, await host.ReceiptCountAsync());
        Assert.Equal(MessageStatus.Sent, (await host.MessageAsync()).Status);
    }

    [Fact]
    public async Task Post_Is401_WhenSignedTokenIsTampered()
    {
        await using var host = await CreateAsync();
        var body = Signed(SigningKey, "token-1", host.Engine.Time.GetUtcNow(), Event(host.MessageId, "delivered"));

        var outcome = await host.PostAsync("mailgun", body.Replace("\"token-1\"", "\"token-2\""));

        Assert.Equal(401, outcome.StatusCode);
        Assert.Equal(0, await host.ReceiptCountAsync());
    }

    [Fact]
    public async Task Post_Is401_WhenTimestampIsStale()
    {
        await using var host = await CreateAsync();

        var outcome = await host.PostAsync("mailgun", Signed(SigningKey, "token-1", host.Engine.Time.GetUtcNow().AddMinutes(-6), Event(host.MessageId, "delivered")));

        Assert.Equal(401, outcome.StatusCode);
        Assert.Equal(0, await host.ReceiptCountAsync());
    }

    [Fact]
    public async Task Post_RefusesReplayedToken_EvenWithOtherEventData()
    {
        await using var host = await CreateAsync();
        var now = host.Engine.Time.GetUtcNow();
        await host.PostAsync("mailgun", Signed(SigningKey, "token-1", now, Event(host.MessageId, "delivered")));

        // The signature does not cover event-data: a captured signature must not carry a forged event.
        var replay = await host.PostAsync("mailgun", Signed(SigningKey, "token-1", now, Event(host.MessageId, "failed", severity: "permanent", id: "other-event")));

        Assert.Equal(401, replay.StatusCode);
        Assert.Equal(MessageStatus.Delivered, (await host.MessageAsync()).Status);
    }

    private static Task<WebhookTestHost> CreateAsync() =>
        WebhookTestHost.CreateAsync("mailgun", new Dictionary<string, string?> { ["WebhookSigningKey"] = SigningKey });

    internal static string Signed(string key, string token, DateTimeOffset at, string eventData)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(timestamp + token)));
        return $$$"""{"signature":{"timestamp":"{{{timestamp}}}","token":"{{{token}}}","signature":"{{{signature}}}"},"event-data":{{{eventData}}}}""";
    }

    internal static string Event(string messageId, string name, string? severity = null, string id = "CPgfbmQMTCKtHW6uIWtuVe")
    {
        var severityField = severity is null ? "" : $"\"severity\":\"{severity}\",";
        return $$$"""
        {"id":"{{{id}}}","timestamp":1521472262.908181,"log-level":"info","event":"{{{name}}}",{{{severityField}}}"delivery-status":{"tls":true,"mx-host":"smtp-in.example.com","code":250,"description":"","session-seconds":0.4331989288330078,"utf8":true,"attempt-no":1,"message":"OK","certificate-verified":true},"flags":{"is-routed":false,"is-authenticated":true,"is-system-test":false,"is-test-mode":false},"envelope":{"transport":"smtp","sender":"bob@sandbox.mailgun.org","sending-ip":"209.61.154.250","targets":"alice@example.com"},"message":{"headers":{"to":"Alice <alice@example.com>","message-id":"20130503182626.18666.16540@sandbox.mailgun.org","from":"Bob <bob@sandbox.mailgun.org>","subject":"Test delivered webhook"},"attachments":[],"size":111},"recipient":"alice@example.com","recipient-domain":"example.com","storage":{"url":"https://se.api.mailgun.net/v3/domains/sandbox.mailgun.org/messages/message_key","key":"message_key"},"campaigns":[],"tags":["my_tag_1","my_tag_2"],"user-variables":{"notificationops_id":"{{{messageId}}}"}}
        """;
    }
}
