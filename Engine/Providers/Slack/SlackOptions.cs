using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Slack;

/// <summary>Slack's keys under Providers:&lt;id&gt;: a bot token (chat.postMessage) or an incoming-webhook URL.</summary>
public sealed class SlackOptions : HttpProviderOptions
{
    /// <summary>xoxb-... with chat:write.</summary>
    public string? BotToken { get; set; }

    /// <summary>https://hooks.slack.com/services/...; the URL itself is the secret.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>
    /// The Slack channel to post to when the recipient names none (bot token only). Not "Channel": that key is
    /// already the routing channel (chat) of every provider section.
    /// </summary>
    public string? DefaultChannel { get; set; }

    protected override string DefaultBaseUrl => "https://slack.com/api";

    protected override IEnumerable<string> ValidateOwn(string path)
    {
        if (string.IsNullOrWhiteSpace(BotToken) == string.IsNullOrWhiteSpace(WebhookUrl))
        {
            yield return $"{path}:BotToken or {path}:WebhookUrl is required (one of them).";
        }

        if (!string.IsNullOrWhiteSpace(WebhookUrl) && !IsHttpUrl(WebhookUrl))
        {
            yield return $"{path}:WebhookUrl must be an absolute http(s) URL.";
        }
    }
}
