using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// The timing part of a send body (<c>message.delay</c> and <c>message.timeout</c>), checked for
/// <see cref="SendRequestParser"/>: when a message may go out and how long it may keep trying.
/// </summary>
internal static class SendTimingParser
{
    public static (TimeSpan? Delay, DateTimeOffset? Until) ParseDelay(JsonNode? node)
    {
        if (node is null)
        {
            return (null, null);
        }

        if (node is not JsonObject delay)
        {
            throw SendRequestParser.Invalid("message.delay", "'message.delay' must be an object: {\"duration\": ms} or {\"until\": ISO 8601}.");
        }

        TimeSpan? duration = null;
        if (delay["duration"] is { } d)
        {
            if (d is not JsonValue dv || !dv.TryGetValue<double>(out var ms) || ms < 0 || ms > SendRequestParser.MaxWait.TotalMilliseconds)
            {
                throw SendRequestParser.Bad("message.delay.duration", "'message.delay.duration' must be a number of milliseconds (0 to one year).");
            }

            duration = TimeSpan.FromMilliseconds(ms);
        }

        DateTimeOffset? until = null;
        if (delay["until"] is { } u)
        {
            if (u is not JsonValue uv || uv.GetValueKind() != JsonValueKind.String
                || !DateTimeOffset.TryParse(uv.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw SendRequestParser.Bad("message.delay.until", "'message.delay.until' must be an ISO 8601 date and time.");
            }

            until = parsed.ToUniversalTime();
        }

        return (duration, until);
    }

    public static TimeSpan? ParseTimeout(JsonNode? node)
    {
        if (node is not JsonObject timeout || timeout["message"] is not { } m)
        {
            return null;
        }

        if (m is not JsonValue mv || !mv.TryGetValue<double>(out var ms) || ms <= 0 || ms > SendRequestParser.MaxWait.TotalMilliseconds)
        {
            throw SendRequestParser.Bad("message.timeout.message", "'message.timeout.message' must be a positive number of milliseconds, at most one year.");
        }

        return TimeSpan.FromMilliseconds(ms);
    }
}
