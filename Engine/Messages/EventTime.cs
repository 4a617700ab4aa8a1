using System.Globalization;

namespace NotificationOps.Engine.Messages;

/// <summary>
/// A time written inside a message event's text ("Next attempt at ..."): readable and naming its zone. The text is
/// stored and shown as it is (the dashboard's timeline, the API's history), so it cannot follow each reader's zone;
/// a round-trip ISO stamp with ticks and "+00:00" read as noise next to the dashboard's times.
/// </summary>
public static class EventTime
{
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
