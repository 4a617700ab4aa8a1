using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Hosting;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto from the proxies in <c>Tracking:TrustedProxies</c> — the one list of
/// trusted proxies, which the tracking hits' client address already uses. Behind a TLS-terminating proxy the
/// request then counts as HTTPS, so the login cookie is issued <c>Secure</c>; the rate limits see the real client.
/// Nobody else's forwarded headers are believed: with no proxy configured the middleware is not added at all.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddNotificationForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrackingOptions>>((options, tracking) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Walk the whole chain of trusted proxies, as the tracking address resolver does, not only the last hop.
            options.ForwardLimit = null;
            // The defaults trust loopback; only what is configured is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in tracking.Value.TrustedProxyNetworks())
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme.</summary>
    public static IApplicationBuilder UseNotificationForwardedHeaders(this IApplicationBuilder app)
    {
        var tracking = app.ApplicationServices.GetRequiredService<IOptions<TrackingOptions>>().Value;
        return tracking.TrustedProxies.Length == 0 ? app : app.UseForwardedHeaders();
    }
}
