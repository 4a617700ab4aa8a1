using Microsoft.Extensions.Options;
using NotificationOps.Engine.Hosting;

namespace NotificationOps.Engine.Tracking;

/// <summary>The public URLs of the open pixel and click redirect, under <c>Tracking:BaseUrl</c> or the app's public URL.</summary>
public sealed class TrackingUrls(IOptions<TrackingOptions> options, PublicUrls publicUrls)
{
    public const string OpenPrefix = "/t/o/";
    public const string ClickPrefix = "/t/c/";

    public string BaseUrl => string.IsNullOrWhiteSpace(options.Value.BaseUrl)
        ? publicUrls.Base.ToString().TrimEnd('/')
        : options.Value.BaseUrl.TrimEnd('/');

    public string Open(string token) => $"{BaseUrl}{OpenPrefix}{token}.gif";

    public string Click(string token) => $"{BaseUrl}{ClickPrefix}{token}";
}
