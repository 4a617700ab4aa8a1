using Microsoft.AspNetCore.Http;
using NotificationOps.Engine.Webhooks.Outbound;
using StandardWebhooks;

namespace NotificationOps.Engine.Tests.Webhooks.Outbound;

public sealed class WebhookSignerTests
{
    [Fact]
    public void StandardSignature_MatchesSpecExample()
    {
        // The example published with the Standard Webhooks specification and its reference libraries.
        var signature = WebhookSigner.StandardSignature(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void StandardHeader_CarriesBothSecretsDuringRotation_CurrentFirst_VerifiedByStandardWebhooksLibrary()
    {
        var current = WebhookSigner.NewSecret();
        var previous = WebhookSigner.NewSecret();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        const string body = """{"type":"message:updated","data":{"id":"m1"}}""";
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = "msg_1",
            ["webhook-timestamp"] = now.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = WebhookSigner.StandardHeader([current, previous], "msg_1", now, body),
        };

        new StandardWebhook(current).Verify(body, headers);
        // Space-separated, one entry per live secret, as the specification lists them for a rotation.
        Assert.Equal(
            [WebhookSigner.StandardSignature(current, "msg_1", now, body), WebhookSigner.StandardSignature(previous, "msg_1", now, body)],
            headers["webhook-signature"].ToString().Split(' '));
        Assert.ThrowsAny<Exception>(() => new StandardWebhook(WebhookSigner.NewSecret()).Verify(body, headers));
    }

    [Fact]
    public void CourierHeader_IsHexHmacOfTimestampDotBody_KeyedWithSecretText()
    {
        var header = WebhookSigner.CourierHeader("whsec_abc", 1631816343012, "{}");

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("whsec_abc"), System.Text.Encoding.UTF8.GetBytes("1631816343012.{}")));
        Assert.Equal($"t=1631816343012,signature={expected}", header);
    }

    [Fact]
    public void NewSecret_HasPrefixAndThirtyTwoRandomBytes()
    {
        var secret = WebhookSigner.NewSecret();

        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, WebhookSigner.NewSecret());
    }
}
