using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Messages;

/// <summary>Reads messages and their history: newest first, keyset-paged, every filter on an index.</summary>
public sealed class MessageQueries(IDbContextFactory<NotificationsDbContext> dbFactory)
{
    public const int MaxPageSize = 500;

    /// <summary>
    /// One page, newest first. It runs <see cref="PageSql"/> with ADO.NET on the context's connection rather than
    /// through LINQ: the statement takes a tenth of a millisecond, and EF Core's fixed cost per query (expression
    /// funcletizing, query-cache lookup, materialisation) was several times that.
    /// </summary>
    public async Task<MessagePage> ListAsync(MessageFilter filter, MessageCursor? after, int pageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var sql = PageSql(filter, after, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The context's connection, opened with ADO.NET rather than Database.OpenConnectionAsync: EF Core's open
        // registers its SQL functions on the connection every time (about 20 µs, as long as the trace-id lookup
        // itself), and this statement uses none of them. The per-connection pragmas still run, once per handle.
        var connection = db.Database.GetDbConnection();
        await RawConnection.OpenAsync(connection, cancellationToken);
        var rows = new List<Message>(pageSize + 1);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql.Text;
            foreach (var (name, value) in sql.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(MessageRowReader.Read(reader));
            }
        }
        finally
        {
            await connection.CloseAsync();
        }

        var more = rows.Count > pageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new MessagePage(rows, more ? new MessageCursor(rows[^1].EnqueuedAt, rows[^1].Id) : null);
    }

    /// <summary>
    /// The statement <see cref="ListAsync"/> runs for this page (one row more than <paramref name="pageSize"/>, to
    /// know whether another page follows), so a benchmark or a plan check can run exactly the same SQL.
    /// </summary>
    public static MessagePageSql PageSql(MessageFilter filter, MessageCursor? after, int pageSize) =>
        MessagePageSqlBuilder.Build(filter, after, Math.Clamp(pageSize, 1, MaxPageSize) + 1);

    /// <summary>How many messages matching the filter arrived after <paramref name="after"/> (the "N new" bar).</summary>
    public async Task<int> CountNewerAsync(MessageFilter filter, DateTimeOffset after, int cap = 1000, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Ordered, so the cap keeps the newest (and EF Core has no reason to warn about a Take without an order).
        return await Apply(db, filter).Where(m => m.EnqueuedAt > after)
            .OrderByDescending(m => m.EnqueuedAt).ThenByDescending(m => m.Id)
            .Take(cap).CountAsync(cancellationToken);
    }

    /// <summary>The current state of the given messages, to refresh rows in place.</summary>
    public async Task<IReadOnlyList<Message>> FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var list = ids.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Messages.AsNoTracking().Where(m => list.Contains(m.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>Counts per status over the filter (statuses ignored). Callers cache it: see <see cref="MessageCounts"/>.</summary>
    public async Task<IReadOnlyDictionary<MessageStatus, int>> CountByStatusAsync(MessageFilter filter, CancellationToken cancellationToken = default, bool respectStatuses = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Apply(db, respectStatuses ? filter : filter.WithoutStatuses())
            .GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Status, r => r.Count);
    }

    /// <summary>
    /// The providers messages have used, for the filter menu. Distinct over millions of rows is an index walk,
    /// so it is cached for a few minutes rather than run per page view.
    /// </summary>
    public async Task<IReadOnlyList<string>> ProvidersUsedAsync(CancellationToken cancellationToken = default)
    {
        var cached = providersUsed;
        if (cached is not null && DateTime.UtcNow - cached.Value.At < TimeSpan.FromMinutes(5))
        {
            return cached.Value.Providers;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var providers = await db.Messages.AsNoTracking().Where(m => m.Provider != null).Select(m => m.Provider!).Distinct().OrderBy(p => p).Take(200).ToListAsync(cancellationToken);
        providersUsed = (DateTime.UtcNow, providers);
        return providers;
    }

    private (DateTime At, IReadOnlyList<string> Providers)? providersUsed;

    /// <summary>
    /// Up to <paramref name="limit"/> tags that start with <paramref name="prefix"/>, in order: the event log's tag
    /// field suggests them, read from the (Tag, MessageId) index as a range.
    /// </summary>
    public async Task<IReadOnlyList<string>> TagsStartingWithAsync(string prefix, int limit = 8, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var to = prefix + '\uffff';
        return await db.MessageTags.AsNoTracking()
            .Where(t => string.Compare(t.Tag, prefix) >= 0 && string.Compare(t.Tag, to) < 0)
            .Select(t => t.Tag).Distinct().OrderBy(t => t).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>Up to <paramref name="limit"/> templates that start with <paramref name="prefix"/>, in order (the template field's suggestions).</summary>
    public async Task<IReadOnlyList<string>> TemplatesStartingWithAsync(string prefix, int limit = 8, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var to = prefix + '\uffff';
        return await db.Messages.AsNoTracking()
            .Where(m => m.Template != null && string.Compare(m.Template, prefix) >= 0 && string.Compare(m.Template, to) < 0)
            .Select(m => m.Template!).Distinct().OrderBy(t => t).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<Message?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<MessageEvent>> HistoryAsync(string id, string? type = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.MessageEvents.AsNoTracking().Where(e => e.MessageId == id);
        if (!string.IsNullOrWhiteSpace(type))
        {
            var wanted = type.Trim().ToUpperInvariant();
            query = query.Where(e => e.Type == wanted);
        }

        return await query.OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DeliveryAttempts.AsNoTracking().Where(a => a.MessageId == id).OrderBy(a => a.Number).ThenBy(a => a.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The filter as LINQ, for counts and bulk selections. <see cref="MessagePageSqlBuilder"/> states the same filter
    /// in SQL for the page query; a test runs every filter combination both ways and compares the rows.
    /// </summary>
    internal static IQueryable<Message> Apply(NotificationsDbContext db, MessageFilter filter)
    {
        var query = db.Messages.AsNoTracking();
        if (filter.MessageId is { } messageId)
        {
            query = query.Where(m => m.Id == messageId);
        }

        if (filter.RequestId is { } requestId)
        {
            query = query.Where(m => m.RequestId == requestId);
        }

        if (filter.TraceId is { } traceId)
        {
            query = query.Where(m => m.TraceId == traceId);
        }

        if (filter.Statuses.Count > 0)
        {
            var statuses = filter.Statuses.ToList();
            query = query.Where(m => statuses.Contains(m.Status));
        }

        if (filter.Providers.Count > 0)
        {
            var providers = filter.Providers.ToList();
            query = query.Where(m => m.Provider != null && providers.Contains(m.Provider));
        }

        if (filter.Recipient is { } recipient)
        {
            query = query.Where(m => m.Recipient == recipient);
        }

        if (filter.Template is { } template)
        {
            query = query.Where(m => m.Template == template);
        }

        if (filter.Channels.Count > 0)
        {
            var channels = filter.Channels.ToList();
            query = query.Where(m => m.Channel != null && channels.Contains(m.Channel));
        }

        if (!string.IsNullOrEmpty(filter.RecipientPrefix))
        {
            // A range on the (Recipient, EnqueuedAt, Id) index; LIKE would not use it in SQLite.
            var from = filter.RecipientPrefix;
            var to = filter.RecipientPrefix + '\uffff';
            query = query.Where(m => string.Compare(m.Recipient, from) >= 0 && string.Compare(m.Recipient, to) < 0);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var search = filter.Search.Trim();
            query = query.Where(m => m.Id == search || m.RequestId == search || m.TraceId == search);
        }

        if (filter.Tags.Count > 0)
        {
            var tags = filter.Tags.ToList();
            query = query.Where(m => db.MessageTags.Any(t => t.MessageId == m.Id && tags.Contains(t.Tag)));
        }

        if (!string.IsNullOrEmpty(filter.TemplatePrefix))
        {
            var from = filter.TemplatePrefix;
            var to = filter.TemplatePrefix + '\uffff';
            query = query.Where(m => m.Template != null && string.Compare(m.Template, from) >= 0 && string.Compare(m.Template, to) < 0);
        }

        if (!string.IsNullOrEmpty(filter.TagPrefix))
        {
            var from = filter.TagPrefix;
            var to = filter.TagPrefix + '\uffff';
            query = query.Where(m => db.MessageTags.Any(t => t.MessageId == m.Id && string.Compare(t.Tag, from) >= 0 && string.Compare(t.Tag, to) < 0));
        }

        if (filter.Reasons.Count > 0)
        {
            var reasons = filter.Reasons.Select(r => (MessageReason?)r).ToList();
            query = query.Where(m => reasons.Contains(m.Reason));
        }

        if (filter.BulkOperationId is { } operationId)
        {
            query = query.Where(m => db.BulkOperationMessages.Any(b => b.OperationId == operationId && b.MessageId == m.Id));
        }

        if (filter.EnqueuedAfter is { } enqueuedAfter)
        {
            query = query.Where(m => m.EnqueuedAt > enqueuedAfter);
        }

        if (filter.EnqueuedBefore is { } enqueuedBefore)
        {
            query = query.Where(m => m.EnqueuedAt < enqueuedBefore);
        }

        return query;
    }
}
