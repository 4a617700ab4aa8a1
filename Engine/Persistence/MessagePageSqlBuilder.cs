using System.Text;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Builds the event-log page statement from a filter, a cursor and a row limit: the same rows
/// <see cref="MessageQueries.Apply"/> selects (a test runs every filter combination both ways), newest first by
/// (EnqueuedAt, Id), without EF Core's per-query cost. Values are always parameters, never spliced into the text.
/// </summary>
internal static class MessagePageSqlBuilder
{
    private static readonly string Columns = MessageRowReader.SelectList("m");

    private static readonly string PageRowColumns = MessageRowReader.SelectList("r");

    /// <summary>Above this many values a list stays one IN (...) rather than one index range per value.</summary>
    internal const int MaxSplitValues = 8;

    public static MessagePageSql Build(MessageFilter filter, MessageCursor? after, int limit)
    {
        var parameters = new List<KeyValuePair<string, object>>();
        var text = new StringBuilder(1024);
        var split = SplitList(filter);
        if (split is { } list)
        {
            // Per-value ranges merged: IN (a, b) on (Status, EnqueuedAt, Id) cannot be read in time order, so SQLite
            // would walk the time index checking every row (the whole table when the statuses are rare) or sort
            // every match. Each value's range is in time order; the newest page of each, merged, is the page.
            var where = Conditions(list.Rest, after, parameters);
            text.Append("SELECT ").Append(PageRowColumns).Append("\nFROM (");
            for (var i = 0; i < list.Values.Count; i++)
            {
                var value = Add(parameters, $"{list.Prefix}{i}", list.Values[i]);
                text.Append(i == 0 ? "\n    " : "\n    UNION ALL\n    ")
                    .Append("SELECT \"Id\", \"EnqueuedAt\" FROM (\n        SELECT m.\"Id\", m.\"EnqueuedAt\"\n        FROM \"Messages\" AS m");
                AppendWhere(text, [.. where, $"m.\"{list.Column}\" = {value}"], "\n        ");
                text.Append("\n        ORDER BY m.\"EnqueuedAt\" DESC, m.\"Id\" DESC\n        LIMIT @limit\n    ) AS b").Append(i);
            }

            text.Append("\n    ORDER BY \"EnqueuedAt\" DESC, \"Id\" DESC\n    LIMIT @limit\n) AS k\n");
            AppendPageRows(text);
        }
        else if (Deferred(filter))
        {
            // Deferred join: a range that cannot be read in time order (a recipient prefix spans many recipients)
            // picks the page's keys from the covering (Recipient, EnqueuedAt, Id) index and sorts only those, then
            // fetches just the page's rows, instead of fetching every row of the range from the table to sort it.
            var where = Conditions(filter, after, parameters);
            text.Append("SELECT ").Append(PageRowColumns)
                .Append("\nFROM (\n    SELECT m.\"Id\", m.\"EnqueuedAt\"\n    FROM \"Messages\" AS m");
            AppendWhere(text, where, "\n    ");
            text.Append("\n    ORDER BY m.\"EnqueuedAt\" DESC, m.\"Id\" DESC\n    LIMIT @limit\n) AS k\n");
            AppendPageRows(text);
        }
        else
        {
            var where = Conditions(filter, after, parameters);
            text.Append("SELECT ").Append(Columns).Append("\nFROM \"Messages\" AS m");
            AppendWhere(text, where, "\n");
            text.Append("\nORDER BY m.\"EnqueuedAt\" DESC, m.\"Id\" DESC\nLIMIT @limit");
        }

        parameters.Add(new("@limit", limit));
        return new MessagePageSql(text.ToString(), parameters);
    }

    private static void AppendPageRows(StringBuilder text) =>
        text.Append("INNER JOIN \"Messages\" AS r ON r.\"Id\" = k.\"Id\"\n")
            .Append("ORDER BY k.\"EnqueuedAt\" DESC, k.\"Id\" DESC");

    private static bool Deferred(MessageFilter filter) =>
        !string.IsNullOrEmpty(filter.RecipientPrefix) && !HasOrderedSeek(filter);

    /// <summary>
    /// The multi-value list to read as one range per value, when nothing else already gives an index read in time
    /// order (an exact id, recipient or template, a single status, provider or channel) or a recipient prefix range.
    /// </summary>
    private static SplitListInfo? SplitList(MessageFilter filter)
    {
        if (HasOrderedSeek(filter) || !string.IsNullOrEmpty(filter.RecipientPrefix)
            || filter.Statuses.Count == 1 || filter.Providers.Count == 1 || filter.Channels.Count == 1)
        {
            return null;
        }

        var statuses = filter.Statuses.Distinct().ToList();
        if (statuses.Count is > 1 and <= MaxSplitValues)
        {
            return new SplitListInfo(nameof(Message.Status), "@status", [.. statuses.Select(s => (object)(int)s)], filter with { Statuses = [] });
        }

        var providers = filter.Providers.Distinct(StringComparer.Ordinal).ToList();
        if (statuses.Count == 0 && providers.Count is > 1 and <= MaxSplitValues)
        {
            return new SplitListInfo(nameof(Message.Provider), "@provider", [.. providers], filter with { Providers = [] });
        }

        var channels = filter.Channels.Distinct(StringComparer.Ordinal).ToList();
        if (statuses.Count == 0 && providers.Count == 0 && channels.Count is > 1 and <= MaxSplitValues)
        {
            return new SplitListInfo(nameof(Message.Channel), "@channel", [.. channels], filter with { Channels = [] });
        }

        return null;
    }

    private static bool HasOrderedSeek(MessageFilter filter) =>
        filter.MessageId is not null || filter.RequestId is not null || filter.TraceId is not null
        || !string.IsNullOrWhiteSpace(filter.Search) || filter.Recipient is not null || filter.Template is not null;

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

        if (!string.IsNullOrEmpty(filter.TemplatePrefix))
        {
            var from = Add(parameters, "@templateFrom", filter.TemplatePrefix);
            var to = Add(parameters, "@templateTo", filter.TemplatePrefix + '\uffff');
            where.Add($"m.\"{nameof(Message.Template)}\" >= {from} AND m.\"{nameof(Message.Template)}\" < {to}");
        }

        if (!string.IsNullOrEmpty(filter.TagPrefix))
        {
            var from = Add(parameters, "@tagFrom", filter.TagPrefix);
            var to = Add(parameters, "@tagTo", filter.TagPrefix + '\uffff');
            where.Add($"EXISTS (SELECT 1 FROM \"MessageTags\" AS t WHERE t.\"{nameof(MessageTag.MessageId)}\" = m.\"{nameof(Message.Id)}\" AND t.\"{nameof(MessageTag.Tag)}\" >= {from} AND t.\"{nameof(MessageTag.Tag)}\" < {to})");
        }

        if (filter.Reasons.Count > 0)
        {
            where.Add($"m.\"{nameof(Message.Reason)}\" IN ({AddList(parameters, "@reason", filter.Reasons.Select(r => (object)(int)r))})");
        }

        if (filter.BulkOperationId is { } operationId)
        {
            where.Add($"EXISTS (SELECT 1 FROM \"BulkOperationMessages\" AS o WHERE o.\"OperationId\" = {Add(parameters, "@bulkOperationId", operationId)} AND o.\"MessageId\" = m.\"{nameof(Message.Id)}\")");
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

    private static void AppendWhere(StringBuilder text, IReadOnlyList<string> where, string newLine)
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
