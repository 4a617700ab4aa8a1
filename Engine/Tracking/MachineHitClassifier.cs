using System.Net;

namespace NotificationOps.Engine.Tracking;

/// <summary>
/// Tells automated fetches from people by what the request itself shows: the method, the user agent and the
/// network. (Timing — a hit right after delivery — and the honeypot link are judged where that is known.)
/// </summary>
public static class MachineHitClassifier
{
    /// <summary>Apple Mail Privacy Protection prefetches every image with exactly this user agent.</summary>
    public const string ApplePrivacyUserAgent = "Mozilla/5.0";

    // Apple's own network, from which Mail Privacy Protection fetches.
    private static readonly IPNetwork[] PrivacyProxyNetworks = [IPNetwork.Parse("17.0.0.0/8")];

    // Image proxies that fetch when the person opens the mail (not on delivery): those opens are real.
    private static readonly string[] OpenTimeProxies = ["GoogleImageProxy", "YahooMailProxy"];

    private static readonly (string Fragment, string Reason)[] Scanners =
    [
        ("SafeLinks", "link scanner (Microsoft Safe Links)"),
        ("Safe Links", "link scanner (Microsoft Safe Links)"),
        ("BingPreview", "link scanner (Microsoft Safe Links)"),
        ("Proofpoint", "link scanner (Proofpoint)"),
        ("urldefense", "link scanner (Proofpoint)"),
        ("Mimecast", "link scanner (Mimecast)"),
        ("Barracuda", "link scanner (Barracuda)"),
        ("HeadlessChrome", "automated browser"),
        ("python-requests", "HTTP library"),
        ("curl/", "HTTP library"),
        ("Wget/", "HTTP library"),
        ("Go-http-client", "HTTP library"),
        ("okhttp", "HTTP library"),
        ("bot", "bot user agent"),
        ("crawler", "bot user agent"),
        ("spider", "bot user agent"),
    ];

    public static HitVerdict Classify(string method, string? userAgent, IPAddress? client)
    {
        if (HttpMethodIsHead(method))
        {
            return HitVerdict.MachineBecause("HEAD request");
        }

        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return HitVerdict.MachineBecause("no user agent");
        }

        if (userAgent.Trim() == ApplePrivacyUserAgent)
        {
            return HitVerdict.MachineBecause("mail privacy prefetch (Apple Mail Privacy Protection user agent)");
        }

        if (client is not null && PrivacyProxyNetworks.Any(n => n.Contains(client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client)))
        {
            return HitVerdict.MachineBecause("mail privacy prefetch (Apple network)");
        }

        if (OpenTimeProxies.Any(p => userAgent.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            return new HitVerdict(false, null, Proxied: true);
        }

        foreach (var (fragment, reason) in Scanners)
        {
            if (userAgent.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return HitVerdict.MachineBecause(reason);
            }
        }

        return HitVerdict.Human;
    }

    private static bool HttpMethodIsHead(string method) => string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase);
}
