using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NotificationOps.Engine.Hosting;

/// <summary>
/// Where the outside world reaches us: the `PublicUrl` key (e.g. https://notify.example.com), else the first address
/// the app listens on. Twilio's StatusCallback, the webhook URLs shown in Settings and (unless `Tracking:BaseUrl`
/// says otherwise) tracking links are built from it, and Twilio's signature is checked against it (behind a proxy,
/// the request's own URL is not what Twilio signed).
/// </summary>
public sealed class PublicUrls(IConfiguration configuration, IServiceProvider services)
{
    public const string Key = "PublicUrl";
    public const string Fallback = "http://localhost:5080";

    private Uri? bound;

    public Uri Base => bound ?? Resolve();

    /// <summary>The status webhook of one integration: /webhooks/{provider}/{integrationId}.</summary>
    public Uri Webhook(string providerType, string integrationId) =>
        new(Base, $"webhooks/{Uri.EscapeDataString(providerType)}/{Uri.EscapeDataString(integrationId)}");

    private Uri Resolve()
    {
        var configured = configuration[Key];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return bound = Uri.TryCreate(configured.TrimEnd('/') + "/", UriKind.Absolute, out var publicUri) && publicUri.Scheme is "http" or "https"
                ? publicUri
                : throw new InvalidOperationException($"{Key} must be an absolute http(s) URL, not '{configured}'.");
        }

        // The first address as bound (port 0 has become a real port); before the server binds (a job at start-up),
        // the configured one is the best guess and is not kept.
        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var first = (listening ?? configuration["Urls"] ?? configuration["ASPNETCORE_URLS"])?
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        first = string.IsNullOrWhiteSpace(first) ? Fallback : first;
        // A wildcard host means "this machine" to whoever follows the link here.
        foreach (var wildcard in new[] { "://0.0.0.0", "://+", "://*", "://[::]" })
        {
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        var uri = new Uri(first.TrimEnd('/') + "/");
        if (listening is not null && !listening.EndsWith(":0", StringComparison.Ordinal))
        {
            bound = uri;
        }

        return uri;
    }
}
