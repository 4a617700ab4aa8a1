using System.Security.Cryptography;
using System.Text;

namespace NotificationOps.Engine.Providers.Webhooks;

/// <summary>Constant-time comparisons for the shared-secret schemes (HMAC, Basic auth).</summary>
public static class WebhookSignatures
{
    public static bool Equal(string? expected, string? actual) =>
        expected is not null && actual is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
