using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Postmark;

/// <summary>Postmark's keys under Providers:&lt;id&gt;.</summary>
public sealed class PostmarkOptions : HttpProviderOptions
{
    public string ServerToken { get; set; } = string.Empty;

    public string From { get; set; } = string.Empty;

    /// <summary>"outbound" (transactional) unless another stream is named.</summary>
    public string MessageStream { get; set; } = "outbound";

    /// <summary>The Basic-auth credentials Postmark's webhooks must present (set the same in Postmark's console).</summary>
    public string? WebhookUsername { get; set; }

    public string? WebhookPassword { get; set; }

    protected override string DefaultBaseUrl => "https://api.postmarkapp.com";

    protected override IEnumerable<string> ValidateOwn(string path)
    {
        foreach (var error in Required(path, (nameof(ServerToken), ServerToken), (nameof(From), From)))
        {
            yield return error;
        }

        if (!string.IsNullOrWhiteSpace(From) && !EmailAddress.TryParse(From, out _))
        {
            yield return $"{path}:From must be an address or \"Name <address>\" (was \"{From}\").";
        }

        if (string.IsNullOrEmpty(WebhookUsername) != string.IsNullOrEmpty(WebhookPassword))
        {
            yield return $"{path}:WebhookUsername and {path}:WebhookPassword go together.";
        }
    }
}
