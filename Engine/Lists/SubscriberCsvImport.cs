using CsvHelper;

namespace NotificationOps.Engine.Lists;

/// <summary>
/// Subscribes the user ids of a CSV file to a list (the dashboard's import). The file is read whole with CsvHelper
/// first, so every refused row is known before anything is written; accepted ids are then written through
/// <see cref="ListService.AddSubscribersAsync"/> in batches (one transaction each), reporting progress after each.
/// A header naming <c>user_id</c> (or <c>recipientId</c>, <c>recipient_id</c>, <c>id</c>) picks that column; without
/// one the first column holds the ids.
/// </summary>
public sealed class SubscriberCsvImport(ListService lists)
{
    public const int MaxRows = 100_000;
    public const int MaxReportedRows = 1_000;
    public const int BatchSize = 500;

    private static readonly string[] IdHeaders = ["user_id", "userid", "recipientid", "recipient_id", "recipient", "id"];

    public async Task<ListImportReport> ImportAsync(string listId, Stream csv, IProgress<ListImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (rows, accepted, refused) = await ReadAsync(csv, cancellationToken);
        var written = 0;
        progress?.Report(new ListImportProgress(0, accepted.Count));
        foreach (var batch in accepted.Chunk(BatchSize))
        {
            await lists.AddSubscribersAsync(listId, batch.Select(id => new ListRecipient(id, null)).ToList(), replace: false, cancellationToken);
            written += batch.Length;
            progress?.Report(new ListImportProgress(written, accepted.Count));
        }

        return new ListImportReport(rows, written, refused.Count, refused.Take(MaxReportedRows).ToList());
    }

    /// <summary>Reads and checks every row: the ids to subscribe (first mention kept) and the refused rows with their reason.</summary>
    internal static async Task<(int Rows, List<string> Accepted, List<RefusedCsvRow> Refused)> ReadAsync(Stream csv, CancellationToken cancellationToken)
    {
        var refused = new List<RefusedCsvRow>();
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = bad => refused.Add(new RefusedCsvRow((int)bad.LineNumber, Shorten(bad.RawRecord), $"malformed CSV ({Describe(bad.Reason)})")),
        };
        await using var reader = CsvReader.Create(csv, options, leaveOpen: true);
        var accepted = new List<string>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var (column, rows, first) = (0, 0, true);
        while (await reader.ReadAsync(cancellationToken))
        {
            var line = (int)reader.LineNumber;
            if (first)
            {
                first = false;
                var header = Enumerable.Range(0, reader.FieldCount).FirstOrDefault(i => IdHeaders.Contains(reader.GetString(i).ToLowerInvariant()), -1);
                if (header >= 0)
                {
                    column = header;
                    continue;
                }
            }

            rows++;
            var value = reader.FieldCount > column ? reader.GetString(column) : "";
            if (Refusal(value, rows, firstLine) is { } reason)
            {
                refused.Add(new RefusedCsvRow(line, Shorten(value), reason));
                continue;
            }

            firstLine[value] = line;
            accepted.Add(value);
        }

        return (rows + refused.Count(r => r.Reason.StartsWith("malformed", StringComparison.Ordinal)), accepted, refused.OrderBy(r => r.Line).ToList());
    }

    private static string? Refusal(string id, int row, Dictionary<string, int> seen) => id switch
    {
        _ when row > MaxRows => $"beyond the first {MaxRows:N0} rows an import takes",
        "" => "no user id",
        { Length: > Validation.ResourceId.MaxLength } => $"user id longer than {Validation.ResourceId.MaxLength} characters",
        _ when id.Any(char.IsControl) => "user id with control characters",
        _ when seen.TryGetValue(id, out var earlier) => $"same user id as line {earlier}",
        _ => null,
    };

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "a quote never closed",
        _ => reason.ToString(),
    };

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
