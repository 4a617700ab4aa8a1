using System.Text;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.Providers.Webhooks;

namespace NotificationOps.Engine.Tests.Providers.Postmark;

/// <summary>Postmark authenticates webhooks with Basic credentials only: no body signature, no timestamp.</summary>
public sealed class PostmarkWebhookTests
{
    [Fact]
    public async Task Post_AppliesBounce_WithValidCredentials()
    {
        await using var host = await CreateAsync();

        var outcome = await host.PostAsync("postmark", Bounce(host.MessageId, "HardBounce"), Basic("hooks", "s3cret"));

        Assert.Equal(200, outcome.StatusCode);
        var message = await host.MessageAsync();
        Assert.Equal((MessageStatus.Undeliverable, MessageReason.Bounced), (message.Status, message.Reason));
        Assert.Contains("Postmark Bounce/HardBounce (Test bounce details) → UNDELIVERABLE (BOUNCED)", Assert.Single(await host.WebhookEventsAsync()).Detail);
        Assert.Contains("Test bounce details", message.Error);
    }

    [Theory]
    [InlineData("hooks", "wrong")]
    [InlineData("other", "s3cret")]
    public async Task Post_Is401_AndStoresNothing_WithWrongCredentials(string user, string password)
    {
        await using var host = await CreateAsync();

        var outcome = await host.PostAsync("postmark", Bounce(host.MessageId, "HardBounce"), Basic(user, password));

        Assert.Equal(401, outcome.StatusCode);
        Assert.Equal(MessageStatus.Sent, (await host.MessageAsync()).Status);
        Assert.Equal(0, await host.ReceiptCountAsync());
    }

    [Fact]
    public async Task Post_Is401_WithoutCredentials()
    {
        await using var host = await CreateAsync();

        var outcome = await host.PostAsync("postmark", Bounce(host.MessageId, "HardBounce"));

        Assert.Equal(401, outcome.StatusCode);
        Assert.Empty(await host.WebhookEventsAsync());
    }

    [Fact]
    public async Task Post_StoresOnce_WhenReplayed()
    {
        await using var host = await CreateAsync();
        var body = Delivery(host.MessageId);

        await host.PostAsync("postmark", body, Basic("hooks", "s3cret"));
        var replay = await host.PostAsync("postmark", body, Basic("hooks", "s3cret"));

        Assert.Equal((200, 1), (replay.StatusCode, replay.Duplicates));
        Assert.Single(await host.WebhookEventsAsync());
    }

    [Fact]
    public async Task Post_Is400_AndStoresNothing_WhenBodyIsMalformed()
    {
        await using var host = await CreateAsync();

        var outcome = await host.PostAsync("postmark", "{\"RecordType\":", Basic("hooks", "s3cret"));

        Assert.Equal(400, outcome.StatusCode);
        Assert.Equal(0, await host.ReceiptCountAsync());
    }

    private static Task<WebhookTestHost> CreateAsync() =>
        WebhookTestHost.CreateAsync("postmark", new Dictionary<string, string?> { ["WebhookUsername"] = "hooks", ["WebhookPassword"] = "s3cret" });

    internal static Dictionary<string, string> Basic(string user, string password) =>
        new() { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")) };

    internal static string Bounce(string messageId, string type) => $$$"""
        {"RecordType":"Bounce","MessageStream":"outbound","ID":4323372036854775807,"Type":"{{{type}}}","TypeCode":1,"Name":"Hard bounce","Tag":"Test","MessageID":"883953f4-6105-42a2-a16a-77a8eac79483","Metadata":{"notificationops_id":"{{{messageId}}}"},"ServerID":23,"Description":"The server was unable to deliver your message (ex: unknown user, mailbox not found).","Details":"Test bounce details","Email":"john@example.com","From":"sender@example.com","BouncedAt":"2019-11-05T16:33:54.9070259Z","DumpAvailable":true,"Inactive":true,"CanActivate":true,"Subject":"Test subject","Content":"<Full dump of bounce>"}
        """;

    internal static string Delivery(string messageId) => $$$"""
        {"RecordType":"Delivery","ServerID":23,"MessageStream":"outbound","MessageID":"883953f4-6105-42a2-a16a-77a8eac79483","Recipient":"john@example.com","Tag":"welcome-email","DeliveredAt":"2019-11-05T16:33:54.9070259Z","Details":"Test delivery webhook details","Metadata":{"notificationops_id":"{{{messageId}}}"}}
        """;
}
