using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Teams;

/// <summary>Microsoft Teams' keys under Providers:&lt;id&gt;: an incoming-webhook or Workflows URL.</summary>
public sealed class TeamsOptions : HttpProviderOptions
{
    /// <summary>The URL Teams gave (…webhook.office.com/… or a Power Automate workflow URL); it is the secret.</summary>
    public string WebhookUrl { get; set; } = string.Empty;

    protected override string DefaultBaseUrl => "https://outlook.office.com";

    protected override IEnumerable<string> ValidateOwn(string path)
    {
        if (!IsHttpUrl(WebhookUrl))
        {
            yield return $"{path}:WebhookUrl is required (an absolute http(s) URL).";
        }
    }
}
