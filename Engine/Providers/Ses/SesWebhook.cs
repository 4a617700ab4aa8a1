using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using NotificationOps.Engine.Providers.Webhooks;

namespace NotificationOps.Engine.Providers.Ses;

/// <summary>
/// Amazon SES notifications delivered by SNS over HTTPS. Every SNS message is checked: its TopicArn must be one
/// of AllowedTopicArns, its SigningCertURL an Amazon SNS host, its signature (version 1 SHA1withRSA, version 2
/// SHA256withRSA over SNS's canonical string) valid under that certificate, and its Timestamp recent. A
/// SubscriptionConfirmation is confirmed by visiting its SubscribeURL (an SNS host too). Notifications carry the
/// SES message, whose mail.commonHeaders.messageId is the Message-ID we set, so it names our message.
/// </summary>
public sealed class SesWebhook(ISnsClient sns) : IProviderWebhook
{
    /// <summary>SNS retries for a while; a signed message older than this is refused as stale.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromHours(1);

    public string ProviderType => SesProviderFactory.TypeName;

    public StatusMappingTable Mapping => SesStatusMapping.Table;

    public async Task<WebhookVerdict> VerifyAsync(WebhookRequest request, IConfiguration settings, WebhookContext context, CancellationToken cancellationToken)
    {
        var message = WebhookJson.Object(WebhookJson.Parse(request.Body), "The body");
        var allowed = settings.GetSection(nameof(SesOptions.AllowedTopicArns)).GetChildren().Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var topic = WebhookJson.Text(message, "TopicArn");
        if (topic is null || !allowed.Contains(topic))
        {
            return WebhookVerdict.Refused($"TopicArn {topic ?? "(none)"} is not in AllowedTopicArns.");
        }

        if (!Uri.TryCreate(WebhookJson.Text(message, "SigningCertURL"), UriKind.Absolute, out var certUrl) || !SnsHosts.IsAmazonSns(certUrl))
        {
            return WebhookVerdict.Refused("SigningCertURL is not an Amazon SNS https URL.");
        }

        var hash = WebhookJson.Text(message, "SignatureVersion") switch
        {
            "1" => HashAlgorithmName.SHA1,
            "2" => HashAlgorithmName.SHA256,
            _ => (HashAlgorithmName?)null,
        };
        var type = WebhookJson.Text(message, "Type");
        var canonical = type is null ? null : StringToSign(message, type);
        if (hash is null || canonical is null || WebhookJson.Text(message, "Signature") is not { } signatureText)
        {
            return WebhookVerdict.Refused("The signature, its version or the message type is missing or unknown.");
        }

        try
        {
            var certificate = await sns.GetCertificateAsync(certUrl, cancellationToken);
            using var rsa = certificate.GetRSAPublicKey() ?? throw new CryptographicException("The certificate has no RSA key.");
            if (!rsa.VerifyData(Encoding.UTF8.GetBytes(canonical), Convert.FromBase64String(signatureText), hash.Value, RSASignaturePadding.Pkcs1))
            {
                return WebhookVerdict.Refused("The signature does not match.");
            }
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or HttpRequestException)
        {
            return WebhookVerdict.Refused($"The signature cannot be checked ({ex.GetType().Name}).");
        }

        if (WebhookJson.Iso(message, "Timestamp") is not { } at || !context.IsFresh(at, Tolerance))
        {
            return WebhookVerdict.Refused("The signed timestamp is stale.");
        }

        if (type is "SubscriptionConfirmation")
        {
            if (!Uri.TryCreate(WebhookJson.Text(message, "SubscribeURL"), UriKind.Absolute, out var subscribe) || !SnsHosts.IsAmazonSns(subscribe))
            {
                return WebhookVerdict.Refused("SubscribeURL is not an Amazon SNS https URL.");
            }

            await sns.ConfirmSubscriptionAsync(subscribe, cancellationToken);
            return WebhookVerdict.Ok with { Handled = true };
        }

        return type is "UnsubscribeConfirmation" ? WebhookVerdict.Ok with { Handled = true } : WebhookVerdict.Ok;
    }

    public IReadOnlyList<ProviderStatusEvent> Parse(WebhookRequest request)
    {
        var envelope = WebhookJson.Object(WebhookJson.Parse(request.Body), "The body");
        var snsId = WebhookJson.Required(envelope, "MessageId");
        var notification = WebhookJson.Object(WebhookJson.Parse(WebhookJson.Required(envelope, "Message")), "Message");
        var kind = WebhookJson.Text(notification, "eventType") ?? WebhookJson.Text(notification, "notificationType")
            ?? throw new FormatException("The SES message has neither eventType nor notificationType.");
        var bounce = notification["bounce"];
        var status = kind == "Bounce" ? $"Bounce/{WebhookJson.Text(bounce, "bounceType") ?? "Undetermined"}" : kind;
        var mail = notification["mail"];
        var header = WebhookJson.Text(mail?["commonHeaders"], "messageId");
        return
        [
            new ProviderStatusEvent(snsId, status, notification.ToJsonString())
            {
                MessageId = OurId(header),
                ProviderMessageId = WebhookJson.Text(mail, "messageId"),
                At = WebhookJson.Iso(notification[Lower(kind)], "timestamp") ?? WebhookJson.Iso(mail, "timestamp"),
                Detail = Detail(notification, kind),
            },
        ];
    }

    /// <summary>SNS's canonical string: the listed keys, alphabetically, each "Key\nValue\n"; Subject only when present.</summary>
    private static string? StringToSign(JsonObject message, string type)
    {
        string[] keys = type switch
        {
            "Notification" => ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"],
            "SubscriptionConfirmation" or "UnsubscribeConfirmation" => ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"],
            _ => [],
        };
        if (keys.Length == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var key in keys)
        {
            if (WebhookJson.Text(message, key) is { } value)
            {
                text.Append(key).Append('\n').Append(value).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Our id out of "&lt;id@notificationops&gt;", the Message-ID every attempt carries.</summary>
    private static string? OurId(string? header)
    {
        const string suffix = "@notificationops>";
        return header is not null && header.StartsWith('<') && header.EndsWith(suffix, StringComparison.Ordinal)
            ? header[1..^suffix.Length]
            : null;
    }

    private static string Lower(string kind) => kind switch
    {
        "DeliveryDelay" => "deliveryDelay",
        "Rendering Failure" => "failure",
        _ => char.ToLowerInvariant(kind[0]) + kind[1..],
    };

    private static string? Detail(JsonObject notification, string kind) => kind switch
    {
        "Bounce" => string.Join("; ", (notification["bounce"]?["bouncedRecipients"] as JsonArray ?? [])
            .Select(r => WebhookJson.Text(r, "diagnosticCode") ?? WebhookJson.Text(r, "emailAddress")).Where(t => t is not null)) is { Length: > 0 } d
            ? $"{WebhookJson.Text(notification["bounce"], "bounceSubType")}: {d}"
            : WebhookJson.Text(notification["bounce"], "bounceSubType"),
        "Delivery" => WebhookJson.Text(notification["delivery"], "smtpResponse"),
        "Complaint" => WebhookJson.Text(notification["complaint"], "complaintFeedbackType"),
        "Reject" => WebhookJson.Text(notification["reject"], "reason"),
        "DeliveryDelay" => WebhookJson.Text(notification["deliveryDelay"], "delayType"),
        _ => null,
    };
}
