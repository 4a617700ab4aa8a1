using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Configuration;
using NotificationOps.Engine.Providers.Webhooks;

namespace NotificationOps.Engine.Providers.Postmark;

/// <summary>
/// Postmark's webhooks: one JSON record per call, authenticated with the HTTP Basic credentials set on the
/// webhook in Postmark's console (WebhookUsername/WebhookPassword). Records name our message by Metadata.
/// Postmark has no event id, so one is made from the record type, its ID and time, and the MessageID.
/// </summary>
public sealed class PostmarkWebhook : IProviderWebhook
{
    public string ProviderType => PostmarkProvider.TypeName;

    public StatusMappingTable Mapping => PostmarkStatusMapping.Table;

    public Task<WebhookVerdict> VerifyAsync(WebhookRequest request, IConfiguration settings, WebhookContext context, CancellationToken cancellationToken)
    {
        var user = settings[nameof(PostmarkOptions.WebhookUsername)];
        var password = settings[nameof(PostmarkOptions.WebhookPassword)];
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
        {
            return Task.FromResult(WebhookVerdict.Refused("WebhookUsername/WebhookPassword are not configured for this integration."));
        }

        if (!AuthenticationHeaderValue.TryParse(request.Header("Authorization"), out var auth) || !string.Equals(auth.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(WebhookVerdict.Refused("Basic credentials are missing."));
        }

        string presented;
        try
        {
            presented = Encoding.UTF8.GetString(Convert.FromBase64String(auth.Parameter ?? string.Empty));
        }
        catch (FormatException)
        {
            return Task.FromResult(WebhookVerdict.Refused("Basic credentials are malformed."));
        }

        return Task.FromResult(WebhookSignatures.Equal($"{user}:{password}", presented)
            ? WebhookVerdict.Ok
            : WebhookVerdict.Refused("The Basic credentials do not match."));
    }

    public IReadOnlyList<ProviderStatusEvent> Parse(WebhookRequest request)
    {
        var record = WebhookJson.Object(WebhookJson.Parse(request.Body), "The body");
        var type = WebhookJson.Required(record, "RecordType");
        var status = type == "Bounce" ? $"Bounce/{WebhookJson.Text(record, "Type") ?? "Unknown"}" : type;
        var at = WebhookJson.Text(record, "DeliveredAt") ?? WebhookJson.Text(record, "BouncedAt") ?? WebhookJson.Text(record, "ReceivedAt")
            ?? WebhookJson.Text(record, "ChangedAt") ?? string.Empty;
        var messageId = WebhookJson.Required(record, "MessageID");
        return
        [
            new ProviderStatusEvent($"{type}:{WebhookJson.Text(record, "ID")}:{messageId}:{at}", status, record.ToJsonString())
            {
                MessageId = WebhookJson.Text(record["Metadata"], ProviderCustomArgs.MessageId),
                ProviderMessageId = messageId,
                At = WebhookJson.Iso(record, "DeliveredAt") ?? WebhookJson.Iso(record, "BouncedAt") ?? WebhookJson.Iso(record, "ReceivedAt"),
                Detail = WebhookJson.Text(record, "Details") ?? WebhookJson.Text(record, "Description"),
            },
        ];
    }
}
