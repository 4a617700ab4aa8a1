using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Tests.Providers.Ses;

/// <summary>Signs SNS messages as Amazon documents it, with a test certificate.</summary>
internal sealed class SnsSigner : IDisposable
{
    public const string TopicArn = "arn:aws:sns:us-east-1:123456789012:ses-notifications";
    public const string CertUrl = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem";

    private readonly RSA rsa = RSA.Create(2048);

    public SnsSigner()
    {
        var request = new CertificateRequest("CN=sns.amazonaws.com", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    public X509Certificate2 Certificate { get; }

    public string Notification(string message, DateTimeOffset at, string snsMessageId = "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324", int version = 2, string certUrl = CertUrl, string topic = TopicArn)
    {
        var envelope = new JsonObject
        {
            ["Type"] = "Notification",
            ["MessageId"] = snsMessageId,
            ["TopicArn"] = topic,
            ["Message"] = message,
            ["Timestamp"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
            ["SignatureVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SigningCertURL"] = certUrl,
            ["UnsubscribeURL"] = "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + topic + ":c9135db0",
        };
        return Sign(envelope, ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"], version);
    }

    public string SubscriptionConfirmation(DateTimeOffset at, string subscribeUrl)
    {
        var envelope = new JsonObject
        {
            ["Type"] = "SubscriptionConfirmation",
            ["MessageId"] = "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
            ["Token"] = "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736",
            ["TopicArn"] = TopicArn,
            ["Message"] = "You have chosen to subscribe to the topic " + TopicArn + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.",
            ["SubscribeURL"] = subscribeUrl,
            ["Timestamp"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
            ["SignatureVersion"] = "2",
            ["SigningCertURL"] = CertUrl,
        };
        return Sign(envelope, ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"], 2);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        rsa.Dispose();
    }

    private string Sign(JsonObject envelope, string[] keys, int version)
    {
        var text = new StringBuilder();
        foreach (var key in keys.Where(k => envelope[k] is not null))
        {
            text.Append(key).Append('\n').Append(envelope[key]!.GetValue<string>()).Append('\n');
        }

        var hash = version == 1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        envelope["Signature"] = Convert.ToBase64String(rsa.SignData(Encoding.UTF8.GetBytes(text.ToString()), hash, RSASignaturePadding.Pkcs1));
        return envelope.ToJsonString();
    }
}
