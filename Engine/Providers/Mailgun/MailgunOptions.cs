using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Mailgun;

/// <summary>Mailgun's keys under Providers:&lt;id&gt;.</summary>
public sealed class MailgunOptions : HttpProviderOptions
{
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The sending domain, as in /v3/{domain}/messages.</summary>
    public string Domain { get; set; } = string.Empty;

    /// <summary>US (api.mailgun.net) or EU (api.eu.mailgun.net); ignored when BaseUrl is set.</summary>
    public string Region { get; set; } = "US";

    public string From { get; set; } = string.Empty;

    /// <summary>The HTTP webhook signing key from Mailgun's console (Sending → Webhooks).</summary>
    public string? WebhookSigningKey { get; set; }

    protected override string DefaultBaseUrl =>
        string.Equals(Region, "EU", StringComparison.OrdinalIgnoreCase) ? "https://api.eu.mailgun.net" : "https://api.mailgun.net";

    protected override IEnumerable<string> ValidateOwn(string path)
    {
        foreach (var error in Required(path, (nameof(ApiKey), ApiKey), (nameof(Domain), Domain), (nameof(From), From)))
        {
            yield return error;
        }

        if (!string.Equals(Region, "US", StringComparison.OrdinalIgnoreCase) && !string.Equals(Region, "EU", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{path}:Region must be US or EU (was \"{Region}\").";
        }

        if (!string.IsNullOrWhiteSpace(From) && !EmailAddress.TryParse(From, out _))
        {
            yield return $"{path}:From must be an address or \"Name <address>\" (was \"{From}\").";
        }
    }
}
