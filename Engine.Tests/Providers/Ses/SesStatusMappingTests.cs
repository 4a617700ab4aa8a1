using NotificationOps.Engine.Providers.Ses;
using NotificationOps.Engine.Providers.Webhooks;

namespace NotificationOps.Engine.Tests.Providers.Ses;

/// <summary>Every SES notification and event type, in the shapes of Amazon's SES notification examples.</summary>
public sealed class SesStatusMappingTests
{
    private static readonly MappingFixture[] All =
    [
        new MappingFixture(SesFixtures.Event("m1", "Send", "send", "{}"), "Send", "SENT"),
        new MappingFixture(SesFixtures.Delivery("m1"), "Delivery", "DELIVERED"),
        new MappingFixture(SesFixtures.Bounce("m1", "Permanent"), "Bounce/Permanent", "UNDELIVERABLE (BOUNCED)"),
        new MappingFixture(SesFixtures.Bounce("m1", "Transient", "MailboxFull"), "Bounce/Transient", "UNDELIVERABLE (BOUNCED)"),
        new MappingFixture(SesFixtures.Bounce("m1", "Undetermined", "Undetermined"), "Bounce/Undetermined", "UNDELIVERABLE (BOUNCED)"),
        new MappingFixture(SesFixtures.Event("m1", "Reject", "reject", """{"reason":"Bad content"}"""), "Reject", "UNDELIVERABLE (FILTERED)"),
        new MappingFixture(SesFixtures.Event("m1", "Rendering Failure", "failure", """{"errorMessage":"Attribute 'attributeName' is not present in the rendering data.","templateName":"MyTemplate"}"""), "Rendering Failure", "UNDELIVERABLE (FAILED)"),
        new MappingFixture(SesFixtures.Event("m1", "DeliveryDelay", "deliveryDelay", """{"timestamp":"2020-06-16T00:15:40.641Z","delayType":"InternalFailure","expirationTime":"2020-06-16T00:25:40.914Z","delayedRecipients":[{"emailAddress":"recipient@example.com","status":"4.0.0","diagnosticCode":"Amazon SES experienced an internal failure"}]}"""), "DeliveryDelay", "history only, status stays"),
        new MappingFixture(SesFixtures.Complaint("m1"), "Complaint", "history only, status stays"),
        new MappingFixture(SesFixtures.Event("m1", "Open", "open", """{"ipAddress":"192.0.2.1","timestamp":"2017-08-09T22:00:19.652Z","userAgent":"Mozilla/5.0"}"""), "Open", "OPENED"),
        new MappingFixture(SesFixtures.Event("m1", "Click", "click", """{"ipAddress":"192.0.2.1","link":"http://docs.aws.amazon.com/ses/latest/DeveloperGuide/send-email-smtp.html","linkTags":{"samplekey0":["samplevalue0"]},"timestamp":"2017-08-09T23:51:25.570Z","userAgent":"Mozilla/5.0"}"""), "Click", "CLICKED"),
        new MappingFixture(SesFixtures.Event("m1", "Subscription", "subscription", """{"contactList":"ContactListName","timestamp":"2022-01-12T01:00:14.340Z","source":"UnsubscribeHeader","newTopicPreferences":{"unsubscribeAll":true}}"""), "Subscription", "history only, status stays"),
        new MappingFixture("""{"notificationType":"AmazonSnsSubscriptionSucceeded","message":"You have successfully subscribed your Amazon SNS topic 'arn:aws:sns:us-east-1:123456789012:ses-notifications' to receive 'Bounce' notifications from Amazon SES for identity 'example.com'."}""", "AmazonSnsSubscriptionSucceeded", "history only, status stays")
    ];

    public static TheoryData<MappingFixture> Fixtures => new(All);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Table_MapsDocumentedPayload(MappingFixture fixture)
    {
        var envelope = new System.Text.Json.Nodes.JsonObject { ["Type"] = "Notification", ["MessageId"] = "sns-1", ["Message"] = fixture.Body }.ToJsonString();
        var e = Assert.Single(new SesWebhook(new FakeSnsClient(null!)).Parse(new WebhookRequest(envelope, new Dictionary<string, string>(), "text/plain") { PublicUrl = new Uri("https://x.test/") }));

        Assert.Equal(fixture.ProviderStatus, e.ProviderStatus);
        Assert.Equal(fixture.WeShow, SesStatusMapping.Table.Find(e.ProviderStatus)?.WeShow);
        if (fixture.Body.Contains("commonHeaders", StringComparison.Ordinal))
        {
            Assert.Equal("m1", e.MessageId);
        }
    }

    [Fact]
    public void Table_HasAFixtureForEveryRow() =>
        Assert.Equal(SesStatusMapping.Table.Rules.Select(r => r.ProviderStatus).Order(), All.Select(f => f.ProviderStatus).Order());
}
