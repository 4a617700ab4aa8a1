using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace NotificationOps.Engine.Tracking;

/// <summary>The public URLs of the open pixel and click redirect, under <c>Tracking:BaseUrl</c> or the app's own URL.</summary>
public sealed class TrackingUrls(IOptions<TrackingOptions> options, IConfiguration configuration)
{
    public const string OpenPrefix = "/t/o/";
    public const string ClickPrefix = "/t/c/";

    private string? baseUrl;

    public string BaseUrl => baseUrl ??= Resolve();

    public string Open(string token) => $"{BaseUrl}{OpenPrefix}{token}.gif";

    public string Click(string token) => $"{BaseUrl}{ClickPrefix}{token}";

    private string Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.BaseUrl))
        {
            return options.Value.BaseUrl.TrimEnd('/');
        }

        // The first address the app listens on; a wildcard host means "this machine" to whoever reads the mail here.
        var first = (configuration["Urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://localhost:5080")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? "http://localhost:5080";
        foreach (var wildcard in new[] { "://0.0.0.0", "://+", "://*", "://[::]" })
        {
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return first.TrimEnd('/');
    }
}
