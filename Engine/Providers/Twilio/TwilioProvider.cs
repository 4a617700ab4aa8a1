using System.Net;
using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Twilio;

/// <summary>
/// Twilio's Messages resource (POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded, Basic
/// AccountSid:AuthToken), with StatusCallback pointing at our webhook so Twilio reports queued → sent →
/// delivered/undelivered/failed. 201 is the acceptance (its sid names the message). Twilio documents 429 as
/// always safe to retry; 5xx are retried; 400 (invalid number 21211, unsubscribed 21610...) and 401/403/404 fail over.
/// </summary>
public sealed class TwilioProvider(string id, ProviderOptions common, TwilioOptions options, Uri statusCallback, HttpClient http, TimeProvider time)
    : HttpDeliveryProvider(id, common, http, time)
{
    public const string TypeName = "twilio";

    public override string Type => TypeName;

    public Uri StatusCallback { get; } = statusCallback;

    protected override Task<HttpRequestMessage> CreateRequestAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("To", message.To),
            new("Body", message.Text),
            new("StatusCallback", StatusCallback.ToString()),
        };
        fields.Add(string.IsNullOrWhiteSpace(options.MessagingServiceSid)
            ? new("From", options.From!)
            : new("MessagingServiceSid", options.MessagingServiceSid));
        var request = new HttpRequestMessage(
            HttpMethod.Post,
            new Uri(options.BaseUri, $"2010-04-01/Accounts/{Uri.EscapeDataString(options.AccountSid)}/Messages.json"))
        {
            Content = new FormUrlEncodedContent(fields),
        };
        request.Headers.Authorization = Basic(options.AccountSid, options.AuthToken);
        return Task.FromResult(request);
    }

    protected override ProviderResult Interpret(OutgoingMessage message, HttpResponseMessage response, string body, string summary)
    {
        var result = base.Interpret(message, response, body, summary);
        if (!result.Succeeded && JsonFields.String(body, "code") is { } code && response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return result with { Error = $"{result.Error}: Twilio error {code} {JsonFields.String(body, "message")}" };
        }

        return result;
    }

    protected override string? ProviderMessageId(HttpResponseMessage response, string body) => JsonFields.String(body, "sid");
}
