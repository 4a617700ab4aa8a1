using Microsoft.Extensions.DependencyInjection;

namespace NotificationOps.Engine.Providers.Http;

public static class HttpProviderFactories
{
    /// <summary>Registers the factory of one HTTP provider type; <paramref name="build"/> gets the services for what else it needs.</summary>
    public static IServiceCollection AddHttpProvider<TOptions>(
        this IServiceCollection services, string type, IReadOnlyList<string> channels,
        Func<IServiceProvider, string, ProviderOptions, TOptions, HttpClient, IDeliveryProvider> build)
        where TOptions : HttpProviderOptions, new() =>
        services.AddSingleton<IDeliveryProviderFactory>(provider => new HttpProviderFactory<TOptions>(
            type, channels, (id, common, options, http) => build(provider, id, common, options, http), provider.GetRequiredService<IHttpClientFactory>()));
}
