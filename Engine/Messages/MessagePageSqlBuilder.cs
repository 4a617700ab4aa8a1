using System.Text;

namespace NotificationOps.Engine.Messages;

/// <summary>
/// Builds the event-log page statement from a filter, a cursor and a row limit: the same rows
/// <see cref="MessageQueries.Apply"/> selects (a test runs every filter combination both ways), newest first by
/// (EnqueuedAt, Id), without EF Core's per-query cost. Values are always parameters, never spliced into the text.
/// </summary>
internal static class MessagePageSqlBuilder
{
    private static readonly string Columns = MessageRowReader.SelectList("m");

    public static MessagePageSql Build(MessageFilter filter, MessageCursor? after, int limit)
    {
        var parameters = new List<KeyValuePair<string, object>>();
        var where = Conditions(filter, after, parameters);
        parameters.Add(new("@limit", limit));
        var text = new StringBuilder(1024);
        if (Deferred(filter))
        {
            // Deferred join: a range that cannot be read in time order (a recipient prefix spans many recipients)
            // picks the page's keys from the covering (Recipient, EnqueuedAt, Id) index and sorts only those, then
            // fetches just the page's rows, instead of fetching every row of the range from the table to sort it.
            text.Append("SELECT ").Append(MessageRowReader.SelectList("r"))
                .Append("\nFROM (\n    SELECT m.\"Id\", m.\"EnqueuedAt\"\n    FROM \"Messages\" AS m");
            AppendWhere(text, where, "\n    ");
            text.Append("\n    ORDER BY m.\"EnqueuedAt\" DESC, m.\"Id\" DESC\n    LIMIT @limit\n) AS k\n")
                .Append("INNER JOIN \"Messages\" AS r ON r.\"Id\" = k.\"Id\"\n")
                .Append("ORDER BY k.\"EnqueuedAt\" DESC, k.\"Id\" DESC");
        }
        else
        {
            text.Append("SELECT ").Append(Columns).Append("\nFROM \"Messages\" AS m");
            AppendWhere(text, where, "\n");
            text.Append("\nORDER BY m.\"EnqueuedAt\" DESC, m.\"Id\" DESC\nLIMIT @limit");
        }

        return new MessagePageSql(text.ToString(), parameters);
    }

    private static bool Deferred(MessageFilter filter) =>
        !string.IsNullOrEmpty(filter.RecipientPrefix) && filter.Recipient is null && filter.MessageId is null
        && filter.RequestId is null && filter.TraceId is null && string.IsNullOrWhiteSpace(filter.Search);

    private static List<string> Conditions(MessageFilter filter, MessageCursor? after, List<KeyValuePair<string, object>> parameters)
    {
        var where = new List<string>();
        if (filter.MessageId is { } messageId)
        {
            where.Add($"m.\"{nameof(Message.Id)}\" = {Add(parameters, "@messageId", messageId)}");
        }

        if (filter.RequestId is { } requestId)
        {
            where.Add($"m.\"{nameof(Message.RequestId)}\" = {Add(parameters, "@requestId", requestId)}");
        }

        if (filter.TraceId is { } traceId)
        {
            where.Add($"m.\"{nameof(Message.TraceId)}\" = {Add(parameters, "@traceId", traceId)}");
        }

        if (filter.Statuses.Count > 0)
        {
            where.Add($"m.\"{nameof(Message.Status)}\" IN ({AddList(parameters, "@status", filter.Statuses.Select(s => (object)(int)s))})");
        }

        if (filter.Providers.Count > 0)
        {
            // IN never matches NULL, as Apply's "Provider != null &&" requires.
            where.Add($"m.\"{nameof(Message.Provider)}\" IN ({AddList(parameters, "@provider", filter.Providers)})");
        }

        if (filter.Recipient is { } recipient)
        {
            where.Add($"m.\"{nameof(Message.Recipient)}\" = {Add(parameters, "@recipient", recipient)}");
        }

        if (filter.Template is { } template)
        {
            where.Add($"m.\"{nameof(Message.Template)}\" = {Add(parameters, "@template", template)}");
        }

        if (filter.Channels.Count > 0)
        {
            where.Add($"m.\"{nameof(Message.Channel)}\" IN ({AddList(parameters, "@channel", filter.Channels)})");
        }

        if (!string.IsNullOrEmpty(filter.RecipientPrefix))
        {
            // A range on the (Recipient, EnqueuedAt, Id) index; LIKE would not use it in SQLite.
            var from = Add(parameters, "@recipientFrom", filter.RecipientPrefix);
            var to = Add(parameters, "@recipientTo", filter.RecipientPrefix + '\uffff');
            where.Add($"m.\"{nameof(Message.Recipient)}\" >= {from} AND m.\"{nameof(Message.Recipient)}\" < {to}");
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var search = Add(parameters, "@search", filter.Search.Trim());
            where.Add($"(m.\"{nameof(Message.Id)}\" = {search} OR m.\"{nameof(Message.RequestId)}\" = {search} OR m.\"{nameof(Message.TraceId)}\" = {search})");
        }

        if (filter.Tags.Count > 0)
        {
            where.Add($"EXISTS (SELECT 1 FROM \"MessageTags\" AS t WHERE t.\"{nameof(MessageTag.MessageId)}\" = m.\"{nameof(Message.Id)}\" AND t.\"{nameof(MessageTag.Tag)}\" IN ({AddList(parameters, "@tag", filter.Tags)}))");
        }

        if (filter.EnqueuedAfter is { } enqueuedAfter)
        {
            where.Add($"m.\"{nameof(Message.EnqueuedAt)}\" > {Add(parameters, "@enqueuedAfter", enqueuedAfter.UtcTicks)}");
        }

        if (filter.EnqueuedBefore is { } enqueuedBefore)
        {
            where.Add($"m.\"{nameof(Message.EnqueuedAt)}\" < {Add(parameters, "@enqueuedBefore", enqueuedBefore.UtcTicks)}");
        }

        if (after is not null)
        {
            // A row value is one range on every (..., EnqueuedAt, Id) index (SQLite 3.15+, PostgreSQL).
            var at = Add(parameters, "@cursorAt", after.EnqueuedAt.UtcTicks);
            var id = Add(parameters, "@cursorId", after.Id);
            where.Add($"(m.\"{nameof(Message.EnqueuedAt)}\", m.\"{nameof(Message.Id)}\") < ({at}, {id})");
        }

        return where;
    }

    private static void AppendWhere(StringBuilder text, List<string> where, string newLine)
    {
        for (var i = 0; i < where.Count; i++)
        {
            text.Append(newLine).Append(i == 0 ? "WHERE " : "AND ").Append(where[i]);
        }
    }

    private static string Add(List<KeyValuePair<string, object>> parameters, string name, object value)
    {
        parameters.Add(new(name, value));
        return name;
    }

    private static string AddList<T>(List<KeyValuePair<string, object>> parameters, string prefix, IEnumerable<T> values)
        where T : notnull
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            names.Add(Add(parameters, prefix + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), value));
        }

        return string.Join(", ", names);
    }
}
