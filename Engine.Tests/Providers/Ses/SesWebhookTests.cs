using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Providers.Ses;
using NotificationOps.Engine.Tests.Providers.Webhooks;

namespace NotificationOps.Engine.Tests.Providers.Ses;

public sealed class SesWebhookTests : IDisposable
{
    private readonly SnsSigner signer = new();
    private readonly SnsSigner otherSigner = new();

    public void Dispose()
    {
        signer.Dispose();
        otherSigner.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Post_AppliesDelivery_WhenSignatureIsValid(int version)
    {
        var sns = new FakeSnsClient(signer.Certificate);
        await using var host = await CreateAsync(sns);

        var outcome = await host.PostAsync("ses", signer.Notification(SesFixtures.Delivery(host.MessageId), host.Engine.Time.GetUtcNow(), version: version));

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal(MessageStatus.Delivered, (await host.MessageAsync()).Status);
        Assert.Equal([new Uri(SnsSigner.CertUrl)], sns.CertificateRequests);
    }

    [Fact]
    public async Task Post_Is401_WhenSignedWithAnotherKey()
    {
        await using var host = await CreateAsync(new FakeSnsClient(signer.Certificate));

        var outcome = await host.PostAsync("ses", otherSigner.Notification(SesFixtures.Delivery(host.MessageId), host.Engine.Time.GetUtcNow()));

        Assert.Equal(401, outcome.StatusCode);
        Assert.Equal(0, await host.ReceiptCountAsync());
    }

    [Fact]
    public async Task Post_Is401_WhenMessageIsTampered()
    {
        await using var host = await CreateAsync(new FakeSnsClient(signer.Certificate));
        var body = signer.Notification(SesFixtures.Delivery(host.MessageId), host.Engine.Time.GetUtcNow());

        var outcome = await host.PostAsync("ses", body.Replace("Delivery", "Bounce"));

        Assert.Equal(401, outcome.StatusCode);
        Assert.Equal(MessageStatus.Sent, (await host.MessageAsync()).Status);
    }

    [Fact]
    public async Task Post_Is401_WhenTimestampIsStale()
    {
        await using var host = await CreateAsync(new FakeSnsClient(signer.Certificate));

        var outcome = await host.PostAsync("ses", signer.Notification(SesFixtures.Delivery(host.MessageId), host.Engine.Time.GetUtcNow().AddHours(-2)));

        Assert.Equal(401, outcome.StatusCode);
    }

    [Fact]
    public async Task Post_StoresOnce_WhenReplayed()
    {
        await using var host = await CreateAsync(new FakeSnsClient(signer.Certificate));
        var body = signer.Notification(SesFixtures.Delivery(host.MessageId), host.Engine.Time.GetUtcNow());

        await host.PostAsync("ses", body);
        var replay = await host.PostAsync("ses", body);

        Assert.Equal((200, 1), (replay.StatusCode, replay.Duplicates));
        Assert.Single(await host.WebhookEventsAsync());
    }

    [Theory]
    [InlineData("https://sns.us-east-1.amazonaws.com.evil.test/cert.pem")]
    [InlineData("http://sns.us-east-1.amazonaws.com/cert.pem")]
    [InlineData("https://attacker.test/sns.us-east-1.amazonaws.com.pem")]
    public async Task Post_Is401_AndFetchesNothing_WhenCertificateUrlIsNotAmazonSns(string certUrl)
    {
        var sns = new FakeSnsClient(signer.Certificate);
        await using var host = await CreateAsync(sns);

        var outcome = await host.PostAsync("ses", signer.Notification(SesFixtures.Delivery(host.MessageId), host.Engine.Time.GetUtcNow(), certUrl: certUrl));

        Assert.Equal(401, outcome.StatusCode);
        Assert.Empty(sns.CertificateRequests);
    }

    [Fact]
    public async Task Post_Is401_WhenTopicIsNotAllowed()
    {
        await using var host = await CreateAsync(new FakeSnsClient(signer.Certificate));

        var outcome = await host.PostAsync("ses", signer.Notification(SesFixtures.Delivery(host.MessageId), host.Engine.Time.GetUtcNow(), topic: "arn:aws:sns:us-east-1:999999999999:other"));

        Assert.Equal(401, outcome.StatusCode);
    }

    [Fact]
    public async Task Post_ConfirmsSubscription_AtItsSnsUrl()
    {
        var sns = new FakeSnsClient(signer.Certificate);
        await using var host = await CreateAsync(sns);
        const string subscribe = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:123456789012:ses-notifications&Token=2336412f37";

        var outcome = await host.PostAsync("ses", signer.SubscriptionConfirmation(host.Engine.Time.GetUtcNow(), subscribe));

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal([new Uri(subscribe)], sns.Confirmations);
        Assert.Equal(0, await host.ReceiptCountAsync());
    }

    private static Task<WebhookTestHost> CreateAsync(FakeSnsClient sns) =>
        WebhookTestHost.CreateAsync("ses", new Dictionary<string, string?>
        {
            ["Type"] = "ses",
            ["Host"] = "127.0.0.1",
            ["Port"] = "2525",
            ["Security"] = "None",
            ["From"] = "Acme <noreply@acme.test>",
            ["AllowedTopicArns:0"] = SnsSigner.TopicArn,
        }, services => services.Replace(ServiceDescriptor.Singleton<ISnsClient>(sns)));
}
