namespace NotificationOps.Engine.Lists;

/// <summary>
/// The outcome of a CSV import: data rows read, subscribers written, and the refused rows (the first
/// <see cref="SubscriberCsvImport.MaxReportedRows"/> of them listed; <paramref name="RefusedCount"/> counts them all).
/// </summary>
public sealed record ListImportReport(int Rows, int Imported, int RefusedCount, IReadOnlyList<RefusedCsvRow> Refused);
