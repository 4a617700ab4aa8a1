using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.SendGrid;

/// <summary>SendGrid's keys under Providers:&lt;id&gt;.</summary>
public sealed class SendGridOptions : HttpProviderOptions
{
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The sender, "Name &lt;address&gt;" or an address.</summary>
    public string From { get; set; } = string.Empty;

    /// <summary>The Event Webhook's verification key (base64 ECDSA public key shown in SendGrid's console).</summary>
    public string? WebhookVerificationKey { get; set; }

    protected override string DefaultBaseUrl => "https://api.sendgrid.com";

    protected override IEnumerable<string> ValidateOwn(string path)
    {
        foreach (var error in Required(path, (nameof(ApiKey), ApiKey), (nameof(From), From)))
        {
            yield return error;
        }

        if (!string.IsNullOrWhiteSpace(From) && !EmailAddress.TryParse(From, out _))
        {
            yield return $"{path}:From must be an address or \"Name <address>\" (was \"{From}\").";
        }
    }
}
