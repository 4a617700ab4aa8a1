namespace NotificationOps.Engine.Lists;

/// <summary>A CSV row an import did not subscribe: its line in the file (1-based, header included), what it held, and why.</summary>
public sealed record RefusedCsvRow(int Line, string Value, string Reason);
