using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace NotificationOps.Engine.Http;

/// <summary>
/// Refuses outbound connections to loopback, link-local, private, shared (CGNAT), multicast and unspecified
/// addresses (SSRF) unless allowed. Checked at connect time, after DNS resolution, on the very address the socket
/// connects to, so a name that resolves (or re-resolves) to an internal address is refused too.
/// </summary>
public static class OutboundAddressGuard
{
    /// <summary>True when <paramref name="address"/> is on the public internet.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC // fc00::/7 unique local
                || address.IsIPv6UniqueLocal);
        }

        var v4 = address.GetAddressBytes();
        return !(v4[0] == 10
            || v4[0] == 0
            || v4[0] == 127
            || (v4[0] == 172 && v4[1] >= 16 && v4[1] <= 31)
            || (v4[0] == 192 && v4[1] == 168)
            || (v4[0] == 169 && v4[1] == 254)
            || (v4[0] == 100 && v4[1] >= 64 && v4[1] <= 127)
            || v4[0] >= 224);
    }

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves the host, refuses non-public addresses
    /// unless <paramref name="allowPrivate"/> says otherwise, and connects to the first address that passes.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(Func<bool> allowPrivate) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = allowPrivate() ? addresses : addresses.Where(IsPublic).ToArray();
            if (allowed.Length == 0)
            {
                throw new OutboundAddressRefusedException($"Refused to connect to '{host}': it resolves only to loopback, link-local or private addresses (SSRF guard).");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}
