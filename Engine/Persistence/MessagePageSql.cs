namespace NotificationOps.Engine.Persistence;

/// <summary>
/// The statement one event-log page runs, with its parameter values. The text depends only on the filter's shape
/// (which filters are set, how many values a list holds), so equal shapes share one prepared statement text.
/// </summary>
public sealed record MessagePageSql(string Text, IReadOnlyList<KeyValuePair<string, object>> Parameters);
