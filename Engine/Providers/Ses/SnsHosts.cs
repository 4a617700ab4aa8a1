using System.Text.RegularExpressions;

namespace NotificationOps.Engine.Providers.Ses;

/// <summary>
/// Where SNS certificates and subscription URLs may come from: https on sns.&lt;region&gt;.amazonaws.com (or
/// .amazonaws.com.cn). Anything else in a notification is an attacker pointing us at a certificate of theirs.
/// </summary>
public static partial class SnsHosts
{
    public static bool IsAmazonSns(Uri? url) =>
        url is not null && url.Scheme == Uri.UriSchemeHttps && url.IsDefaultPort && SnsHost().IsMatch(url.Host);

    [GeneratedRegex(@"^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SnsHost();
}
