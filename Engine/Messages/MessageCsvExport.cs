using System.Globalization;
using System.Text;

namespace NotificationOps.Engine.Messages;

/// <summary>Writes every message matching a filter as CSV, page by page (keyset), never holding the set in memory.</summary>
public sealed class MessageCsvExport(MessageQueries queries)
{
    private const int PageSize = 1000;

    public static readonly string[] Columns =
        ["id", "request_id", "status", "reason", "error", "recipient", "channel", "provider", "template", "tags", "trace_id",
         "attempts", "enqueued", "sent", "delivered", "opened", "clicked", "updated"];

    public async Task<int> WriteAsync(MessageFilter filter, Stream output, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(",", Columns));
        var written = 0;
        MessageCursor? cursor = null;
        do
        {
            var page = await queries.ListAsync(filter, cursor, PageSize, cancellationToken);
            foreach (var m in page.Items)
            {
                await writer.WriteLineAsync(string.Join(",",
                    Field(m.Id), Field(m.RequestId), Field(m.Status.ToWire()), Field(m.Reason?.ToWire()), Field(m.Error), Field(m.Recipient),
                    Field(m.Channel), Field(m.Provider), Field(m.Template), Field(m.Tags), Field(m.TraceId),
                    m.AttemptCount.ToString(CultureInfo.InvariantCulture), Time(m.EnqueuedAt), Time(m.SentAt), Time(m.DeliveredAt),
                    Time(m.OpenedAt), Time(m.ClickedAt), Time(m.UpdatedAt)));
                written++;
            }

            await writer.FlushAsync(cancellationToken);
            cursor = page.Next;
        }
        while (cursor is not null);

        return written;
    }

    private static string Time(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) ?? string.Empty;

    // RFC 4180 quoting; a leading =, +, - or @ is neutralised so a spreadsheet never runs a recipient as a formula.
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
