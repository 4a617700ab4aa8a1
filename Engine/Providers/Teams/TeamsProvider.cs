using System.Text.Json.Nodes;
using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Teams;

/// <summary>
/// Microsoft Teams through an incoming webhook or a Workflows ("Post to a channel when a webhook request is
/// received") URL: an Adaptive Card in a message attachment, which both accept. Success is DELIVERED.
/// </summary>
public sealed class TeamsProvider(string id, ProviderOptions common, TeamsOptions options, HttpClient http, TimeProvider time)
    : HttpDeliveryProvider(id, common, http, time)
{
    public const string TypeName = "teams";

    public override string Type => TypeName;

    protected override ProviderOutcome SuccessOutcome => ProviderOutcome.Delivered;

    protected override Task<HttpRequestMessage> CreateRequestAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var body = new JsonArray();
        if (!string.IsNullOrEmpty(message.Title))
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = message.Title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true });
        }

        body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = message.Text, ["wrap"] = true });
        var card = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = "application/vnd.microsoft.card.adaptive",
                    ["contentUrl"] = null,
                    ["content"] = new JsonObject
                    {
                        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                        ["type"] = "AdaptiveCard",
                        ["version"] = "1.4",
                        ["body"] = body,
                    },
                },
            },
        };
        var url = message.To.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? message.To : options.WebhookUrl;
        return Task.FromResult(new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(card) });
    }

    /// <summary>The webhook URL is a credential: only its host is shown.</summary>
    protected override string DisplayUrl(Uri url) => $"{url.GetLeftPart(UriPartial.Authority)}/[webhook path redacted]";

    protected override ProviderResult Interpret(OutgoingMessage message, HttpResponseMessage response, string body, string summary)
    {
        if (response.IsSuccessStatusCode && body.Contains(TeamsStatusMapping.ThrottledInBody, StringComparison.OrdinalIgnoreCase))
        {
            return new ProviderResult(ProviderOutcome.TransientFailure) { ErrorClass = ErrorClasses.RateLimited, Error = $"Teams throttled the post: {body.Trim()}" };
        }

        var result = base.Interpret(message, response, body, summary);
        return result.Succeeded ? result with { ProviderMessageId = message.MessageId } : result;
    }
}
