using System.ComponentModel.DataAnnotations;
using System.Net;

namespace NotificationOps.Engine.Tracking;

/// <summary>Open and click tracking (section <c>Tracking</c>).</summary>
public sealed class TrackingOptions : IValidatableObject
{
    public const string SectionName = "Tracking";

    /// <summary>
    /// Per channel (email, sms, push, chat, inbox): rewrite links and add the open pixel. Email only by default:
    /// wrapped links in an SMS cost characters and look suspicious to some carriers.
    /// </summary>
    public Dictionary<string, bool> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["email"] = true };

    /// <summary>The public address recipients reach the tracking endpoints at; the app's own URL when empty.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The HMAC key for tokens (at least 32 characters); generated once and stored in the database when empty.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Proxies (addresses or CIDR networks) whose X-Forwarded-For is believed for the client address.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>A hit this soon after the message was sent or delivered is a scanner's, not a person's.</summary>
    [Range(0, 3600)]
    public double MachineHitWindowSeconds { get; set; } = 2;

    /// <summary>
    /// Rows stored per token (message, open or link) per minute; further hits in that minute are only counted
    /// (<see cref="TrackingHitOverflow"/>), so a flood of fetches cannot fill the database. The first human hit
    /// of a minute is always stored.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxHitsPerTokenPerMinute { get; set; } = 20;

    /// <summary>How often the aggregation job rolls new events up (a cron expression).</summary>
    public string AggregationCron { get; set; } = "* * * * *";

    public bool IsEnabled(string channel) => Channels.TryGetValue(channel, out var on) && on;

    /// <summary>
    /// Whether an open can be seen on this channel: the open pixel goes into HTML, and only email carries HTML, so
    /// tracking on SMS or push rewrites links (clicks) but can never count an open.
    /// </summary>
    public bool CanBeOpened(string channel) => channel == Engine.Channels.Email && IsEnabled(channel);

    public IReadOnlyList<IPNetwork> TrustedProxyNetworks() => TrustedProxies.Select(ParseNetwork).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(BaseUrl)
            && (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"Tracking:BaseUrl must be an absolute http(s) URL, not '{BaseUrl}'.", [nameof(BaseUrl)]);
        }

        if (!string.IsNullOrEmpty(SigningKey) && SigningKey.Length < 32)
        {
            yield return new ValidationResult("Tracking:SigningKey must be at least 32 characters (or empty to generate one).", [nameof(SigningKey)]);
        }

        foreach (var proxy in TrustedProxies)
        {
            if (!TryParseNetwork(proxy, out _))
            {
                yield return new ValidationResult($"Tracking:TrustedProxies has '{proxy}', which is neither an IP address nor a CIDR network.", [nameof(TrustedProxies)]);
            }
        }

        foreach (var channel in Channels.Keys.Where(c => !Engine.Channels.IsKnown(c.ToLowerInvariant())))
        {
            yield return new ValidationResult($"Tracking:Channels:{channel} names no channel (email, sms, push, chat, inbox).", [nameof(Channels)]);
        }

        if (!IsCron(AggregationCron))
        {
            yield return new ValidationResult($"Tracking:AggregationCron '{AggregationCron}' is not a cron expression.", [nameof(AggregationCron)]);
        }
    }

    private static bool IsCron(string expression) => expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is 5 or 6;

    private static IPNetwork ParseNetwork(string text) =>
        TryParseNetwork(text, out var network) ? network : throw new FormatException($"Tracking:TrustedProxies: '{text}'");

    private static bool TryParseNetwork(string text, out IPNetwork network)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(text, out network);
    }
}
