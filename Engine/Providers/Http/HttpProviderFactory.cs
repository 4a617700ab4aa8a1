using Microsoft.Extensions.Configuration;
using NotificationOps.Engine.Providers.Webhook;

namespace NotificationOps.Engine.Providers.Http;

/// <summary>Binds and validates an HTTP provider's section (errors name the key) and builds the provider.</summary>
public abstract class HttpProviderFactory<TOptions>(IHttpClientFactory httpClients, TimeProvider time) : IDeliveryProviderFactory
    where TOptions : HttpProviderOptions, new()
{
    public abstract string Type { get; }

    /// <summary>The channels this provider can send on.</summary>
    protected abstract IReadOnlyList<string> AllowedChannels { get; }

    protected TimeProvider Time { get; } = time;

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

        if (!AllowedChannels.Contains(common.Channel))
        {
            errors.Add($"{section.Path}:Channel must be {string.Join(" or ", AllowedChannels)} for a {Type} provider (was \"{common.Channel}\").");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }

        return Build(id, common, options, httpClients.CreateClient(WebhookProviderFactory.HttpClientName));
    }

    protected abstract IDeliveryProvider Build(string id, ProviderOptions common, TOptions options, HttpClient http);
}
