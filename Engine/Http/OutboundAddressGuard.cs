using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace NotificationOps.Engine.Http;

/// <summary>
/// SSRF protection for outbound HTTP to URLs users give us (webhook endpoints, automation fetch-data): loopback,
/// link-local, private, shared (CGNAT) and unspecified addresses are refused unless configuration allows them.
/// The check runs where it matters, on the addresses DNS actually answers at connect time (<see cref="CreateHandler"/>),
/// so a name that resolves to 127.0.0.1 or is re-pointed after it was saved is still refused; <see cref="CheckUrl"/>
/// gives a person the early answer when the URL is saved.
/// </summary>
public static class OutboundAddressGuard
{
    /// <summary>True when <paramref name="address"/> is one an outbound request to a user-given URL must not reach.</summary>
    public static bool IsRefused(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC; // fc00::/7 unique local
        }

        var v4 = address.GetAddressBytes();
        return v4[0] switch
        {
            0 or 10 or 127 => true,
            100 => v4[1] is >= 64 and <= 127,  // 100.64.0.0/10 shared address space
            169 => v4[1] == 254,                // link-local, cloud metadata endpoints
            172 => v4[1] is >= 16 and <= 31,
            192 => v4[1] == 168 || (v4[1] == 0 && v4[2] == 0),
            >= 224 => true,                     // multicast and reserved
            _ => false,
        };
    }

    /// <summary>
    /// The problem with <paramref name="url"/> as an outbound target, or null: absolute http(s) only, and a host that
    /// is not (and does not resolve to) a refused address unless <paramref name="allowPrivate"/>. A name that does not
    /// resolve now is accepted: it is checked again at every connection. <paramref name="allowSetting"/> names the key that allows private addresses.
    /// </summary>
    public static async Task<string?> CheckUrlAsync(string url, bool allowPrivate, string allowSetting, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http:// or https:// URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry a user name or password.";
        }

        if (allowPrivate)
        {
            return null;
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.IdnHost, out var literal))
        {
            addresses = [literal];
        }
        else if (uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return Refusal(uri.IdnHost, allowSetting);
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
            }
            catch (SocketException)
            {
                return null;
            }
        }

        return addresses.Any(IsRefused) ? Refusal(uri.IdnHost, allowSetting) : null;
    }

    /// <summary>
    /// A handler whose every connection resolves the host itself and refuses a refused address (unless
    /// <paramref name="allowPrivate"/>), and that follows no redirect (a redirect could point inside).
    /// </summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivate) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = ConnectCallback(() => allowPrivate),
    };

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves the host itself and refuses it when any of its
    /// addresses is refused, unless <paramref name="allowPrivate"/> (read at every connection, so a changed setting
    /// applies without a restart) says otherwise. The refusal is an <see cref="OutboundAddressRefusedException"/>.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(Func<bool> allowPrivate) =>
        (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate(), cancellationToken);

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        if (!allowPrivate && addresses.Any(IsRefused))
        {
            throw new OutboundAddressRefusedException($"Refused to connect to '{endPoint.Host}': it resolves to a loopback, link-local or private address (SSRF guard).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Refusal(string host, string allowSetting) =>
        $"points at a loopback, link-local or private address ({host}); set {allowSetting}=true to allow it.";
}
