using System.Security.Cryptography;
using System.Text;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Providers.SendGrid;
using NotificationOps.Engine.Tests.Providers.Webhooks;

namespace NotificationOps.Engine.Tests.Providers.SendGrid;

public sealed class SendGridWebhookTests : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        key.Dispose();
        otherKey.Dispose();
    }

    [Fact]
    public async Task Post_AppliesDelivered_WhenSignatureIsValid()
    {
        await using var host = await CreateAsync();
        var body = Events(host.MessageId, ("delivered", "evt-1"));

        var outcome = await host.PostAsync("sendgrid", body, Signed(key, body, host.Engine.Time.GetUtcNow()));

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal(MessageStatus.Delivered, (await host.MessageAsync()).Status);
        var delivered = Assert.Single(await host.WebhookEventsAsync());
        Assert.Equal("DELIVERED", delivered.Type);
        Assert.Contains("\"sg_event_id\":\"evt-1\"", delivered.Payload);
        Assert.Contains("SendGrid delivered", delivered.Detail);
    }

    [Fact]
    public async Task Post_Is401_AndStoresNothing_WithWrongKey()
    {
        await using var host = await CreateAsync();
        var body = Events(host.MessageId, ("delivered", "evt-1"));

        var outcome = await host.PostAsync("sendgrid", body, Signed(otherKey, body, host.Engine.Time.GetUtcNow()));

        Assert.Equal(401, outcome.StatusCode);
        await AssertNothingStoredAsync(host);
    }

    [Fact]
    public async Task Post_Is401_AndStoresNothing_WhenBodyIsTampered()
    {
        await using var host = await CreateAsync();
        var body = Events(host.MessageId, ("delivered", "evt-1"));
        var headers = Signed(key, body, host.Engine.Time.GetUtcNow());

        var outcome = await host.PostAsync("sendgrid", body.Replace("delivered", "bounce"), headers);

        Assert.Equal(401, outcome.StatusCode);
        await AssertNothingStoredAsync(host);
    }

    [Fact]
    public async Task Post_Is401_WhenTimestampIsStale()
    {
        await using var host = await CreateAsync();
        var body = Events(host.MessageId, ("delivered", "evt-1"));

        var outcome = await host.PostAsync("sendgrid", body, Signed(key, body, host.Engine.Time.GetUtcNow().AddMinutes(-10)));

        Assert.Equal(401, outcome.StatusCode);
        await AssertNothingStoredAsync(host);
    }

    [Fact]
    public async Task Post_StoresOnce_WhenReplayed()
    {
        await using var host = await CreateAsync();
        var body = Events(host.MessageId, ("delivered", "evt-1"));
        var headers = Signed(key, body, host.Engine.Time.GetUtcNow());

        var first = await host.PostAsync("sendgrid", body, headers);
        var replay = await host.PostAsync("sendgrid", body, headers);

        Assert.Equal((200, 1), (first.StatusCode, first.Applied));
        Assert.Equal((200, 1, 0), (replay.StatusCode, replay.Duplicates, replay.Applied));
        Assert.Single(await host.WebhookEventsAsync());
        Assert.Equal(1, await host.ReceiptCountAsync());
    }

    [Fact]
    public async Task Post_Is401_WhenSignatureIsMissing()
    {
        await using var host = await CreateAsync();

        var outcome = await host.PostAsync("sendgrid", Events(host.MessageId, ("delivered", "evt-1")));

        Assert.Equal(401, outcome.StatusCode);
        await AssertNothingStoredAsync(host);
    }

    private async Task<WebhookTestHost> CreateAsync() =>
        await WebhookTestHost.CreateAsync("sendgrid", new Dictionary<string, string?>
        {
            ["WebhookVerificationKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
        });

    private static async Task AssertNothingStoredAsync(WebhookTestHost host)
    {
        Assert.Equal(MessageStatus.Sent, (await host.MessageAsync()).Status);
        Assert.Empty(await host.WebhookEventsAsync());
        Assert.Equal(0, await host.ReceiptCountAsync());
    }

    internal static string Events(string messageId, params (string Event, string Id)[] events) =>
        "[" + string.Join(",", events.Select(e =>
            $$"""{"email":"jane@example.test","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>","event":"{{e.Event}}","category":"cat facts","sg_event_id":"{{e.Id}}","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0","notificationops_id":"{{messageId}}","response":"250 OK"}""")) + "]";

    internal static Dictionary<string, string> Signed(ECDsa signer, string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = signer.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new Dictionary<string, string>
        {
            [SendGridWebhook.SignatureHeader] = Convert.ToBase64String(signature),
            [SendGridWebhook.TimestampHeader] = timestamp,
        };
    }
}
