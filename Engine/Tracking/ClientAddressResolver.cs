using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace NotificationOps.Engine.Tracking;

/// <summary>
/// The client address of a tracking hit: the connection's, or — only when the connection comes from a proxy
/// listed in <c>Tracking:TrustedProxies</c> — the nearest untrusted address of X-Forwarded-For. Anyone can send
/// that header, so it is believed only as far as the proxies we trust wrote it.
/// </summary>
public sealed class ClientAddressResolver(IOptions<TrackingOptions> options)
{
    private readonly IReadOnlyList<IPNetwork> trusted = options.Value.TrustedProxyNetworks();

    public IPAddress? Resolve(HttpContext context)
    {
        var address = Normalise(context.Connection.RemoteIpAddress);
        if (address is null || !IsTrusted(address))
        {
            return address;
        }

        var chain = context.Request.Headers["X-Forwarded-For"]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        // Right to left: the rightmost entry was written by the proxy that connected to us.
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(chain[i], out var hop))
            {
                break;
            }

            address = Normalise(hop)!;
            if (!IsTrusted(address))
            {
                break;
            }
        }

        return address;
    }

    private bool IsTrusted(IPAddress address) => trusted.Any(n => n.Contains(address));

    private static IPAddress? Normalise(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
