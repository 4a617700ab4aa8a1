using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Slack;

/// <summary>
/// Slack: chat.postMessage with a bot token (POST {BaseUrl}/chat.postMessage, Bearer), or an incoming webhook.
/// Slack answers HTTP 200 with ok:false for most errors, so the error word decides (<see cref="SlackStatusMapping"/>);
/// ratelimited comes as 429 with Retry-After. Chat has no receipt: success is DELIVERED.
/// </summary>
public sealed class SlackProvider(string id, ProviderOptions common, SlackOptions options, HttpClient http, TimeProvider time)
    : HttpDeliveryProvider(id, common, http, time)
{
    public const string TypeName = "slack";

    public override string Type => TypeName;

    protected override ProviderOutcome SuccessOutcome => ProviderOutcome.Delivered;

    protected override Task<HttpRequestMessage> CreateRequestAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var text = string.IsNullOrEmpty(message.Title) ? message.Text : $"*{message.Title}*\n{message.Text}";
        if (!string.IsNullOrWhiteSpace(options.WebhookUrl))
        {
            return Task.FromResult(new HttpRequestMessage(HttpMethod.Post, options.WebhookUrl)
            {
                Content = Json(new JsonObject { ["text"] = text }),
            });
        }

        var channel = message.To.Contains("://", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(message.To) ? options.DefaultChannel : message.To;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUri, "chat.postMessage"))
        {
            Content = Json(new JsonObject { ["channel"] = channel, ["text"] = text }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BotToken);
        return Task.FromResult(request);
    }

    /// <summary>An incoming-webhook URL is a credential: only its host is shown.</summary>
    protected override string DisplayUrl(Uri url) =>
        string.IsNullOrWhiteSpace(options.WebhookUrl) ? base.DisplayUrl(url) : $"{url.GetLeftPart(UriPartial.Authority)}/[webhook path redacted]";

    protected override ProviderResult Interpret(OutgoingMessage message, HttpResponseMessage response, string body, string summary)
    {
        var json = JsonFields.Object(body);
        var ok = response.IsSuccessStatusCode && (json is null ? body.Trim() == "ok" : json["ok"] is System.Text.Json.Nodes.JsonValue okValue && okValue.TryGetValue<bool>(out var okFlag) && okFlag);
        if (ok)
        {
            return new ProviderResult(ProviderOutcome.Delivered)
            {
                ProviderMessageId = JsonFields.String(json, "ts") is { } ts ? $"{JsonFields.String(json, "channel")}/{ts}" : message.MessageId,
            };
        }

        var error = JsonFields.String(json, "error") ?? body.Trim();
        var retryAfter = HttpResponseClassifier.RetryAfter(response.Headers, Time.GetUtcNow());
        var rule = SlackStatusMapping.Table.Find(error);
        var transient = rule?.ErrorClass == ErrorClasses.Transient
            || (rule is null && HttpResponseClassifier.IsTransient(response.StatusCode));
        var rateLimited = response.StatusCode == HttpStatusCode.TooManyRequests || error is "ratelimited" or "rate_limited";
        return new ProviderResult(transient || rateLimited ? ProviderOutcome.TransientFailure : ProviderOutcome.PermanentFailure)
        {
            ErrorClass = rateLimited ? ErrorClasses.RateLimited : transient ? ErrorClasses.Transient : ErrorClasses.Permanent,
            Error = $"Slack {error}" + (rule is null ? "" : $": {rule.Meaning}"),
            RetryAfter = retryAfter,
        };
    }
}
