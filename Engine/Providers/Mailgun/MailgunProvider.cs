using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Mailgun;

/// <summary>
/// Mailgun's Messages API (POST /v3/{domain}/messages, multipart form, Basic api:&lt;key&gt;). 200 with an id
/// "&lt;...@domain&gt;" is the acceptance. 400/401/403/404 fail over; 429 and 5xx are retried. Our id travels as
/// the user variable v:notificationops_id, which every event of its webhooks repeats.
/// </summary>
public sealed class MailgunProvider(string id, ProviderOptions common, MailgunOptions options, HttpClient http, TimeProvider time)
    : HttpDeliveryProvider(id, common, http, time)
{
    public const string TypeName = "mailgun";

    public override string Type => TypeName;

    protected override Task<HttpRequestMessage> CreateRequestAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(options.From), "from" },
            { new StringContent(message.To), "to" },
            { new StringContent(message.Title ?? string.Empty), "subject" },
            { new StringContent(message.Text), "text" },
        };
        if (message.Html is not null)
        {
            form.Add(new StringContent(message.Html), "html");
        }

        form.Add(new StringContent(message.EmailMessageId), "h:Message-Id");
        foreach (var (name, value) in message.Headers)
        {
            form.Add(new StringContent(value), $"h:{name}");
        }
        form.Add(new StringContent(message.MessageId), $"v:{ProviderCustomArgs.MessageId}");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUri, $"v3/{Uri.EscapeDataString(options.Domain)}/messages"))
        {
            Content = form,
        };
        request.Headers.Authorization = Basic("api", options.ApiKey);
        return Task.FromResult(request);
    }

    /// <summary>Mailgun's id with its angle brackets removed, as its events name it (message.headers.message-id).</summary>
    protected override string? ProviderMessageId(HttpResponseMessage response, string body) =>
        JsonFields.String(body, "id")?.Trim('<', '>');
}
