using System.Globalization;
using System.Text.Json;

namespace NotificationOps.Dashboard.Components.Pages.Messages;

/// <summary>How the message detail shows times, durations and stored JSON.</summary>
public static class DetailFormat
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Duration(DateTimeOffset started, DateTimeOffset? finished)
    {
        if (finished is not { } end)
        {
            return "unfinished";
        }

        var span = end - started;
        return span.TotalSeconds < 1
            ? $"{span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
            : $"{span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
    }

    /// <summary>Indented when it is JSON; as stored otherwise (SMTP replies, HTML error pages).</summary>
    public static string Json(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
