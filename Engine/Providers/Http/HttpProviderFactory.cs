using Microsoft.Extensions.Configuration;
using NotificationOps.Engine.Providers.Webhook;

namespace NotificationOps.Engine.Providers.Http;

/// <summary>
/// The factory of one HTTP provider type: binds and validates its section (errors name the key), checks the
/// channel, and builds the provider with the shared HTTP client. One instance per type, see <see cref="Register{TOptions}"/>.
/// </summary>
public sealed class HttpProviderFactory<TOptions>(
    string type,
    IReadOnlyList<string> channels,
    Func<string, ProviderOptions, TOptions, HttpClient, IDeliveryProvider> build,
    IHttpClientFactory httpClients) : IDeliveryProviderFactory
    where TOptions : HttpProviderOptions, new()
{
    public string Type { get; } = type;

    public IDeliveryProvider Create(string id, ProviderOptions common, IConfigurationSection section)
    {
        var options = new TOptions();
        var errors = new List<string>();
        try
        {
            section.Bind(options);
            errors.AddRange(options.Validate(section.Path));
        }
        catch (InvalidOperationException ex)
        {
            errors.Add(ex.Message);
        }

        if (!channels.Contains(common.Channel))
        {
            errors.Add($"{section.Path}:Channel must be {string.Join(" or ", channels)} for a {Type} provider (was \"{common.Channel}\").");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }

        return build(id, common, options, httpClients.CreateClient(WebhookProviderFactory.HttpClientName));
    }
}
