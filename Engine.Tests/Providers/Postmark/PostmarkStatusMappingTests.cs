using NotificationOps.Engine.Providers.Postmark;
using NotificationOps.Engine.Providers.Webhooks;

namespace NotificationOps.Engine.Tests.Providers.Postmark;

/// <summary>Every Postmark record type and bounce type, in the shape of Postmark's webhook documentation.</summary>
public sealed class PostmarkStatusMappingTests
{
    private static readonly string[] Deactivating = ["HardBounce", "BadEmailAddress", "Blocked", "DMARCPolicy", "SpamNotification", "VirusNotification", "ManuallyDeactivated", "Unknown"];
    private static readonly string[] Failing = ["SMTPApiError", "TemplateRenderingFailed"];
    private static readonly string[] Staying = ["Transient", "SoftBounce", "DnsError", "AutoResponder", "AddressChange", "ChallengeVerification", "OpenRelayTest", "Unsubscribe", "Subscribe", "SpamComplaint", "Unconfirmed", "InboundError"];

    public static TheoryData<MappingFixture> Fixtures => new(All());

    private static List<MappingFixture> All()
    {
        {
            var data = new List<MappingFixture>
            {
                new(PostmarkWebhookTests.Delivery("m1"), "Delivery", "DELIVERED"),
                new("""{"RecordType":"SpamComplaint","MessageStream":"outbound","ID":42,"Type":"SpamComplaint","TypeCode":512,"Name":"Spam complaint","Tag":"Test","MessageID":"00000000-0000-0000-0000-000000000000","Metadata":{"notificationops_id":"m1"},"ServerID":1234,"Description":"The subscriber explicitly marked this message as spam.","Details":"Test spam complaint details","Email":"john@example.com","From":"sender@example.com","BouncedAt":"2019-11-05T16:33:54.9070259Z","Subject":"Test subject"}""", "SpamComplaint", "history only, status stays"),
                new("""{"RecordType":"Open","MessageStream":"outbound","Metadata":{"notificationops_id":"m1"},"FirstOpen":true,"Client":{"Name":"Chrome 35.0.1916.153","Company":"Google","Family":"Chrome"},"OS":{"Name":"OS X 10.7 Lion","Company":"Apple Computer, Inc.","Family":"OS X 10"},"Platform":"WebMail","UserAgent":"Mozilla/5.0","ReadSeconds":5,"Geo":{},"MessageID":"00000000-0000-0000-0000-000000000000","ReceivedAt":"2019-11-05T16:33:54.9070259Z","Tag":"welcome-email","Recipient":"john@example.com"}""", "Open", "OPENED"),
                new("""{"RecordType":"Click","MessageStream":"outbound","ClickLocation":"HTML","Client":{"Name":"Chrome 35.0.1916.153","Company":"Google","Family":"Chrome"},"OS":{"Name":"OS X 10.7 Lion","Company":"Apple Computer, Inc.","Family":"OS X 10"},"Platform":"Desktop","UserAgent":"Mozilla/5.0","OriginalLink":"https://example.com","Geo":{},"MessageID":"00000000-0000-0000-0000-000000000000","Metadata":{"notificationops_id":"m1"},"ReceivedAt":"2017-10-25T15:21:11.1200000Z","Tag":"welcome-email","Recipient":"john@example.com"}""", "Click", "CLICKED"),
                new("""{"RecordType":"SubscriptionChange","MessageID":"883953f4-6105-42a2-a16a-77a8eac79483","ServerID":123456,"MessageStream":"outbound","ChangedAt":"2020-02-01T10:53:34.416071Z","Recipient":"bounced-address@wildbit.com","Origin":"Recipient","SuppressSending":true,"SuppressionReason":"HardBounce","Tag":"my-tag","Metadata":{"notificationops_id":"m1"}}""", "SubscriptionChange", "history only, status stays"),
            };
            foreach (var type in Deactivating)
            {
                data.Add(new MappingFixture(PostmarkWebhookTests.Bounce("m1", type), $"Bounce/{type}", "UNDELIVERABLE (BOUNCED)"));
            }

            foreach (var type in Failing)
            {
                data.Add(new MappingFixture(PostmarkWebhookTests.Bounce("m1", type), $"Bounce/{type}", "UNDELIVERABLE (FAILED)"));
            }

            foreach (var type in Staying)
            {
                data.Add(new MappingFixture(PostmarkWebhookTests.Bounce("m1", type), $"Bounce/{type}", "history only, status stays"));
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Table_MapsDocumentedPayload(MappingFixture fixture)
    {
        var e = Assert.Single(new PostmarkWebhook().Parse(new WebhookRequest(fixture.Body, new Dictionary<string, string>(), "application/json") { PublicUrl = new Uri("https://x.test/") }));

        Assert.Equal(fixture.ProviderStatus, e.ProviderStatus);
        Assert.Equal("m1", e.MessageId);
        Assert.Equal(fixture.WeShow, PostmarkStatusMapping.Table.Find(e.ProviderStatus)?.WeShow);
    }

    [Fact]
    public void Table_HasAFixtureForEveryRow() =>
        Assert.Equal(PostmarkStatusMapping.Table.Rules.Select(r => r.ProviderStatus).Order(), All().Select(f => f.ProviderStatus).Order());
}
