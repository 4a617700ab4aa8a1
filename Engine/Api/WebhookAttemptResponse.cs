using System.Text.Json.Serialization;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Api;

/// <summary>One HTTP attempt of a delivery; the response body is truncated to 4 KB.</summary>
public sealed record WebhookAttemptResponse(
    [property: JsonPropertyName("at")] long At,
    [property: JsonPropertyName("duration_ms")] int DurationMs,
    [property: JsonPropertyName("status_code")] int? StatusCode,
    [property: JsonPropertyName("response_body")] string? ResponseBody,
    [property: JsonPropertyName("error")] string? Error)
{
    public static WebhookAttemptResponse From(WebhookAttempt a) =>
        new(a.At.ToUnixTimeMilliseconds(), a.DurationMs, a.StatusCode, a.ResponseBody, a.Error);
}
