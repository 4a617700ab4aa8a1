using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using NotificationOps.Engine.Providers.Webhooks;

namespace NotificationOps.Engine.Providers.Mailgun;

/// <summary>
/// Mailgun's webhooks: {"signature":{timestamp, token, signature}, "event-data":{...}}. The signature is the hex
/// HMAC-SHA256 of timestamp + token with the webhook signing key. It does not cover event-data, so a token is
/// accepted once (a replayed one is refused) and only within five minutes of its timestamp.
/// </summary>
public sealed class MailgunWebhook : IProviderWebhook
{
    public const string TokenScope = "mailgun-token";

    public string ProviderType => MailgunProvider.TypeName;

    public StatusMappingTable Mapping => MailgunStatusMapping.Table;

    public async Task<WebhookVerdict> VerifyAsync(WebhookRequest request, IConfiguration settings, WebhookContext context, CancellationToken cancellationToken)
    {
        var key = settings[nameof(MailgunOptions.WebhookSigningKey)];
        if (string.IsNullOrWhiteSpace(key))
        {
            return WebhookVerdict.Refused("WebhookSigningKey is not configured for this integration.");
        }

        var body = WebhookJson.Object(WebhookJson.Parse(request.Body), "The body");
        var signature = body["signature"];
        var timestamp = WebhookJson.Text(signature, "timestamp");
        var token = WebhookJson.Text(signature, "token");
        var presented = WebhookJson.Text(signature, "signature");
        if (timestamp is null || token is null || presented is null || !long.TryParse(timestamp, out var seconds))
        {
            return WebhookVerdict.Refused("The signature block is missing.");
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(timestamp + token)));
        if (!WebhookSignatures.Equal(expected, presented.ToLowerInvariant()))
        {
            return WebhookVerdict.Refused("The signature does not match.");
        }

        if (!context.IsFresh(DateTimeOffset.FromUnixTimeSeconds(seconds)))
        {
            return WebhookVerdict.Refused("The signed timestamp is stale.");
        }

        return await context.TryRememberAsync(TokenScope, token, cancellationToken)
            ? WebhookVerdict.Ok
            : WebhookVerdict.Refused("The token was used before (replay).");
    }

    public IReadOnlyList<ProviderStatusEvent> Parse(WebhookRequest request)
    {
        var body = WebhookJson.Object(WebhookJson.Parse(request.Body), "The body");
        var data = WebhookJson.Object(body["event-data"], "\"event-data\"");
        var name = WebhookJson.Required(data, "event");
        var status = name == "failed" ? $"failed/{WebhookJson.Text(data, "severity") ?? "permanent"}" : name;
        var delivery = data["delivery-status"];
        return
        [
            new ProviderStatusEvent(WebhookJson.Required(data, "id"), status, data.ToJsonString())
            {
                MessageId = WebhookJson.Text(data["user-variables"], ProviderCustomArgs.MessageId),
                ProviderMessageId = WebhookJson.Text(data["message"]?["headers"], "message-id"),
                At = WebhookJson.UnixSeconds(data, "timestamp"),
                Detail = WebhookJson.Text(delivery, "description") is { Length: > 0 } description ? description
                    : WebhookJson.Text(delivery, "message") is { Length: > 0 } message ? message
                    : WebhookJson.Text(data, "reason"),
            },
        ];
    }
}
