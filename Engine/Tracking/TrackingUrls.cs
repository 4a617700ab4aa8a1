using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NotificationOps.Engine.Tracking;

/// <summary>The public URLs of the open pixel and click redirect, under <c>Tracking:BaseUrl</c> or the app's own URL.</summary>
public sealed class TrackingUrls(IOptions<TrackingOptions> options, IConfiguration configuration, IServiceProvider services)
{
    public const string OpenPrefix = "/t/o/";
    public const string ClickPrefix = "/t/c/";

    private string? baseUrl;

    public string BaseUrl => baseUrl ?? Resolve();

    public string Open(string token) => $"{BaseUrl}{OpenPrefix}{token}.gif";

    public string Click(string token) => $"{BaseUrl}{ClickPrefix}{token}";

    private string Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.BaseUrl))
        {
            return baseUrl = options.Value.BaseUrl.TrimEnd('/');
        }

        // The first address the app listens on (as bound: port 0 has become a real port); a wildcard host means
        // "this machine" to whoever reads the mail here.
        var bound = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var first = (bound ?? configuration["Urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://localhost:5080")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? "http://localhost:5080";
        foreach (var wildcard in new[] { "://0.0.0.0", "://+", "://*", "://[::]" })
        {
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        // Kept once the server has bound; before that (a job at start-up) the configured address is the best guess.
        first = first.TrimEnd('/');
        if (bound is not null && !bound.EndsWith(":0", StringComparison.Ordinal))
        {
            baseUrl = first;
        }

        return first;
    }
}
