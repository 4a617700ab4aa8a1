using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.SendGrid;

/// <summary>
/// SendGrid's v3 Mail Send (POST /v3/mail/send, Bearer API key). A 202 is the acceptance; its X-Message-Id
/// prefixes the sg_message_id of the Event Webhook's events, which also carry our id as a custom argument.
/// 429 (with Retry-After or X-RateLimit-Reset) and 5xx are retried; other 4xx (bad request, unauthorized,
/// forbidden, payload too large) fail over.
/// </summary>
public sealed class SendGridProvider(string id, ProviderOptions common, SendGridOptions options, HttpClient http, TimeProvider time)
    : HttpDeliveryProvider(id, common, http, time)
{
    public const string TypeName = "sendgrid";

    public override string Type => TypeName;

    protected override Task<HttpRequestMessage> CreateRequestAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var from = EmailAddress.Parse(options.From);
        var content = new JsonArray { new JsonObject { ["type"] = "text/plain", ["value"] = message.Text } };
        if (message.Html is not null)
        {
            content.Add(new JsonObject { ["type"] = "text/html", ["value"] = message.Html });
        }

        var body = new JsonObject
        {
            ["personalizations"] = new JsonArray
            {
                new JsonObject { ["to"] = new JsonArray { new JsonObject { ["email"] = message.To } } },
            },
            ["from"] = from.Name is null
                ? new JsonObject { ["email"] = from.Address }
                : new JsonObject { ["email"] = from.Address, ["name"] = from.Name },
            ["subject"] = message.Title ?? string.Empty,
            ["content"] = content,
            ["headers"] = Headers(message),
            ["custom_args"] = new JsonObject { [ProviderCustomArgs.MessageId] = message.MessageId },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUri, "v3/mail/send"))
        {
            Content = Json(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        return Task.FromResult(request);
    }

    protected override string? ProviderMessageId(HttpResponseMessage response, string body) =>
        response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;

    /// <summary>The stable Message-ID, and the message's extra headers (List-Unsubscribe).</summary>
    private static JsonObject Headers(OutgoingMessage message)
    {
        var headers = new JsonObject { ["Message-ID"] = message.EmailMessageId };
        foreach (var (name, value) in message.Headers)
        {
            headers[name] = value;
        }

        return headers;
    }
}
