using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NotificationOps.Engine.Providers.Webhook;

/// <summary>
/// Delivers to an HTTP endpoint of the team's own (Courier's "webhook" provider): the rendered message as JSON.
/// A 2xx answer is the delivery (a webhook sends no receipt); 408, 429 (with Retry-After) and 5xx are retried;
/// other 4xx fail over.
/// </summary>
public sealed class WebhookProvider(string id, ProviderOptions common, WebhookOptions options, HttpClient http, TimeProvider time) : IDeliveryProvider
{
    public const string TypeName = "webhook";
    public const string SignatureHeader = "X-NotificationOps-Signature";

    public string Id { get; } = id;

    public string Type => TypeName;

    public string Channel { get; } = common.Channel;

    public int Priority { get; } = common.Priority;

    public async Task<ProviderResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new
        {
            id = message.MessageId,
            attempt = message.AttemptNumber,
            channel = message.Channel,
            to = message.To,
            title = message.Title,
            text = message.Text,
            html = message.Html,
            action_url = message.ActionUrl,
            data = message.Data,
            message_id = message.EmailMessageId,
        });
        var summary = $"POST {new Uri(options.Url).GetLeftPart(UriPartial.Path)} ({Encoding.UTF8.GetByteCount(body)} bytes JSON, to {message.To}){(options.Secret is null ? "" : ", signed")}";
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", $"{message.MessageId}");
        if (!string.IsNullOrEmpty(options.Secret))
        {
            var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Secret), Encoding.UTF8.GetBytes(body));
            request.Headers.Add(SignatureHeader, "sha256=" + Convert.ToHexStringLower(signature));
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return HttpResponseClassifier.Failure(response, text, summary, time.GetUtcNow());
            }

            return new ProviderResult(ProviderOutcome.Delivered)
            {
                ResponseStatus = (int)response.StatusCode,
                ResponseBody = text.Length <= HttpResponseClassifier.MaxBody ? text : text[..HttpResponseClassifier.MaxBody],
                RequestSummary = summary,
                ProviderMessageId = message.MessageId,
            };
        }
        catch (HttpRequestException ex)
        {
            return HttpResponseClassifier.ConnectionFailure(ex, summary);
        }
    }
}
