using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using NotificationOps.Engine.Providers.Webhooks;

namespace NotificationOps.Engine.Providers.Twilio;

/// <summary>
/// Twilio's status callbacks: form-encoded MessageSid, MessageStatus, ErrorCode...; X-Twilio-Signature is the
/// base64 HMAC-SHA1, keyed with the AuthToken, of the full callback URL followed by every POST parameter's name
/// and value sorted by name. The URL is the one Twilio was given (PublicUrl), not what a proxy forwarded.
/// </summary>
public sealed class TwilioWebhook : IProviderWebhook
{
    public const string SignatureHeader = "X-Twilio-Signature";

    public string ProviderType => TwilioProvider.TypeName;

    public StatusMappingTable Mapping => TwilioStatusMapping.Table;

    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    public Task<WebhookVerdict> VerifyAsync(WebhookRequest request, IConfiguration settings, WebhookContext context, CancellationToken cancellationToken)
    {
        var token = settings[nameof(TwilioOptions.AuthToken)];
        if (string.IsNullOrWhiteSpace(token))
        {
            return Task.FromResult(WebhookVerdict.Refused("AuthToken is not configured for this integration."));
        }

        var presented = request.Header(SignatureHeader);
        var expected = Sign(token, request.PublicUrl.ToString(), request.Form());
        return Task.FromResult(WebhookSignatures.Equal(expected, presented)
            ? WebhookVerdict.Ok
            : WebhookVerdict.Refused(presented is null ? "X-Twilio-Signature is missing." : "The signature does not match."));
    }

    public IReadOnlyList<ProviderStatusEvent> Parse(WebhookRequest request)
    {
        var form = request.Form();
        string? Field(string name) => form.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();
        var sid = Field("MessageSid") ?? Field("SmsSid") ?? throw new FormatException("MessageSid is missing.");
        var status = Field("MessageStatus") ?? Field("SmsStatus") ?? throw new FormatException("MessageStatus is missing.");
        var payload = new JsonObject();
        foreach (var (name, value) in form)
        {
            payload[name] = value;
        }

        var error = Field("ErrorCode");
        return
        [
            new ProviderStatusEvent($"{sid}:{status}", status, payload.ToJsonString())
            {
                ProviderMessageId = sid,
                Detail = string.IsNullOrEmpty(error) ? null : $"Twilio error {error}" + (Field("ErrorMessage") is { Length: > 0 } m ? $": {m}" : ""),
            },
        ];
    }
}
