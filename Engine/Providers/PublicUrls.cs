using Microsoft.Extensions.Configuration;

namespace NotificationOps.Engine.Providers;

/// <summary>
/// Where providers reach us from outside: the `PublicUrl` key (e.g. https://notify.example.com), else the first
/// of the app's own `Urls`. Twilio's StatusCallback and the webhook URLs shown in Settings are built from it, and
/// Twilio's signature is checked against it (behind a proxy, the request's own URL is not what Twilio signed).
/// </summary>
public sealed class PublicUrls(IConfiguration configuration)
{
    public const string Key = "PublicUrl";
    public const string Fallback = "http://localhost:5080";

    public Uri Base
    {
        get
        {
            var configured = configuration[Key];
            if (string.IsNullOrWhiteSpace(configured))
            {
                configured = configuration["Urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            }

            configured = string.IsNullOrWhiteSpace(configured) ? Fallback : configured.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://localhost");
            return new Uri(configured.TrimEnd('/') + "/");
        }
    }

    /// <summary>The status webhook of one integration: /webhooks/{provider}/{integrationId}.</summary>
    public Uri Webhook(string providerType, string integrationId) =>
        new(Base, $"webhooks/{Uri.EscapeDataString(providerType)}/{Uri.EscapeDataString(integrationId)}");
}
