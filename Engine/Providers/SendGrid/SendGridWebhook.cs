using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using NotificationOps.Engine.Providers.Webhooks;

namespace NotificationOps.Engine.Providers.SendGrid;

/// <summary>
/// SendGrid's Signed Event Webhook: a JSON array of events; X-Twilio-Email-Event-Webhook-Signature is an ECDSA
/// (P-256, SHA-256, DER) signature over the timestamp header followed by the raw body, checked with the public
/// key SendGrid shows (WebhookVerificationKey). Events name our message by the notificationops_id custom argument.
/// </summary>
public sealed class SendGridWebhook : IProviderWebhook
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    public string ProviderType => SendGridProvider.TypeName;

    public StatusMappingTable Mapping => SendGridStatusMapping.Table;

    public Task<WebhookVerdict> VerifyAsync(WebhookRequest request, IConfiguration settings, WebhookContext context, CancellationToken cancellationToken)
    {
        var key = settings[nameof(SendGridOptions.WebhookVerificationKey)];
        if (string.IsNullOrWhiteSpace(key))
        {
            return Task.FromResult(WebhookVerdict.Refused("WebhookVerificationKey is not configured for this integration."));
        }

        var signature = request.Header(SignatureHeader);
        var timestamp = request.Header(TimestampHeader);
        if (signature is null || timestamp is null || !long.TryParse(timestamp, out var seconds))
        {
            return Task.FromResult(WebhookVerdict.Refused("The signature or timestamp header is missing."));
        }

        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(key.Trim()), out _);
            var valid = ecdsa.VerifyData(Encoding.UTF8.GetBytes(timestamp + request.Body), Convert.FromBase64String(signature),
                HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            if (!valid)
            {
                return Task.FromResult(WebhookVerdict.Refused("The signature does not match."));
            }
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return Task.FromResult(WebhookVerdict.Refused($"The signature or the key cannot be read ({ex.GetType().Name})."));
        }

        return Task.FromResult(context.IsFresh(DateTimeOffset.FromUnixTimeSeconds(seconds))
            ? WebhookVerdict.Ok
            : WebhookVerdict.Refused("The signed timestamp is stale."));
    }

    public IReadOnlyList<ProviderStatusEvent> Parse(WebhookRequest request)
    {
        var events = WebhookJson.Parse(request.Body) as JsonArray ?? throw new FormatException("The body must be a JSON array of events.");
        return events.Select(node =>
        {
            var e = WebhookJson.Object(node, "Each event");
            var name = WebhookJson.Required(e, "event");
            var status = name == "bounce" ? $"bounce/{WebhookJson.Text(e, "type") ?? "bounce"}" : name;
            var sgMessageId = WebhookJson.Text(e, "sg_message_id");
            return new ProviderStatusEvent(WebhookJson.Required(e, "sg_event_id"), status, e.ToJsonString())
            {
                MessageId = WebhookJson.Text(e, ProviderCustomArgs.MessageId),
                // sg_message_id is the send answer's X-Message-Id followed by ".filter..." routing parts.
                ProviderMessageId = sgMessageId?.Split('.')[0],
                At = WebhookJson.UnixSeconds(e, "timestamp"),
                Detail = WebhookJson.Text(e, "reason") ?? WebhookJson.Text(e, "response"),
            };
        }).ToList();
    }
}
