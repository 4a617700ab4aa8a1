using System.Text.Json.Nodes;
using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Postmark;

/// <summary>
/// Postmark's single-email API (POST /email, X-Postmark-Server-Token). 200 with ErrorCode 0 is the acceptance
/// and its MessageID names the message in Postmark's webhooks. 422 (invalid request, inactive recipient as
/// ErrorCode 406...) and 401 are permanent; 429 and 5xx are retried.
/// </summary>
public sealed class PostmarkProvider(string id, ProviderOptions common, PostmarkOptions options, HttpClient http, TimeProvider time)
    : HttpDeliveryProvider(id, common, http, time)
{
    public const string TypeName = "postmark";
    public const string TokenHeader = "X-Postmark-Server-Token";

    public override string Type => TypeName;

    protected override Task<HttpRequestMessage> CreateRequestAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["From"] = options.From,
            ["To"] = message.To,
            ["Subject"] = message.Title ?? string.Empty,
            ["TextBody"] = message.Text,
            ["MessageStream"] = options.MessageStream,
            ["Headers"] = Headers(message),
            ["Metadata"] = new JsonObject { [ProviderCustomArgs.MessageId] = message.MessageId },
        };
        if (message.Html is not null)
        {
            body["HtmlBody"] = message.Html;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUri, "email")) { Content = Json(body) };
        request.Headers.Add(TokenHeader, options.ServerToken);
        request.Headers.Accept.ParseAdd("application/json");
        return Task.FromResult(request);
    }

    protected override string? ProviderMessageId(HttpResponseMessage response, string body) =>
        JsonFields.String(body, "MessageID");

    /// <summary>The stable Message-ID, and the message's extra headers (List-Unsubscribe).</summary>
    private static JsonArray Headers(OutgoingMessage message)
    {
        var headers = new JsonArray { new JsonObject { ["Name"] = "Message-ID", ["Value"] = message.EmailMessageId } };
        foreach (var (name, value) in message.Headers)
        {
            headers.Add(new JsonObject { ["Name"] = name, ["Value"] = value });
        }

        return headers;
    }
}
