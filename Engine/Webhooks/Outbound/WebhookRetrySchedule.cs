using System.Globalization;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>Parses <see cref="WebhookOptions.RetrySchedule"/>: durations such as <c>5s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>.</summary>
public static class WebhookRetrySchedule
{
    public static bool TryParse(string? text, out IReadOnlyList<TimeSpan> waits)
    {
        var parsed = new List<TimeSpan>();
        waits = parsed;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Length < 2 || !double.TryParse(part[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0)
            {
                return false;
            }

            TimeSpan? wait = part[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (wait is null)
            {
                return false;
            }

            parsed.Add(wait.Value);
        }

        return true;
    }

    public static IReadOnlyList<TimeSpan> Parse(string text) =>
        TryParse(text, out var waits) ? waits : throw new FormatException($"Webhooks:RetrySchedule '{text}' is not a list of durations such as 5s,5m,30m,2h.");
}
