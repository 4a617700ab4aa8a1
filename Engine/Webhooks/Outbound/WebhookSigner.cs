using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// Secrets and signatures. Standard Webhooks: <c>webhook-signature: v1,&lt;base64 HMAC-SHA256(key, id.timestamp.body)&gt;</c>
/// with the key the base64 after <c>whsec_</c>, one entry per live secret (space-separated during a rotation).
/// Courier: <c>courier-signature: t=&lt;ms&gt;,signature=&lt;hex HMAC-SHA256(secret, t.body)&gt;</c>, keyed with the secret
/// string as shown (UTF-8), as Courier's receivers compute it.
/// </summary>
public static class WebhookSigner
{
    public const string Prefix = "whsec_";

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>One <c>v1,…</c> entry of the Standard Webhooks signature header.</summary>
    public static string StandardSignature(string secret, string webhookId, long timestampSeconds, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
        var content = Encoding.UTF8.GetBytes($"{webhookId}.{timestampSeconds.ToString(CultureInfo.InvariantCulture)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>The whole <c>webhook-signature</c> value for every live secret.</summary>
    public static string StandardHeader(IEnumerable<string> secrets, string webhookId, long timestampSeconds, string body) =>
        string.Join(' ', secrets.Select(s => StandardSignature(s, webhookId, timestampSeconds, body)));

    /// <summary>The <c>courier-signature</c> value.</summary>
    public static string CourierHeader(string secret, long timestampMilliseconds, string body)
    {
        var t = timestampMilliseconds.ToString(CultureInfo.InvariantCulture);
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},signature={Convert.ToHexStringLower(hash)}";
    }
}
