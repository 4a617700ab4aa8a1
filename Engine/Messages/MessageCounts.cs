using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NotificationOps.Engine.Messages;

/// <summary>
/// Status counts for the event log's chips, cached per filter and refreshed in the background: a count over
/// millions of rows is never computed per keystroke, and a screen never waits on one.
/// </summary>
public sealed class MessageCounts(MessageQueries queries, TimeProvider time, ILogger<MessageCounts> logger)
{
    // Short enough that the chips agree with the rows a moment after a change, long enough that a busy
    // dashboard does not recount millions of rows for every viewer and keystroke.
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 500;

    private readonly ConcurrentDictionary<string, Entry> cache = new(StringComparer.Ordinal);

    /// <summary>The cached counts (null the first time), refreshing them in the background when stale.</summary>
    public IReadOnlyDictionary<MessageStatus, int>? Peek(MessageFilter filter, Action? refreshed = null)
    {
        var key = filter.WithoutStatuses();
        var now = time.GetUtcNow();
        var entry = cache.GetOrAdd(key.Key(), _ => new Entry());
        lock (entry)
        {
            if (entry.Refreshing is null && (entry.Counts is null || now - entry.At > Fresh))
            {
                entry.Refreshing = RefreshAsync(key, entry, refreshed);
            }

            return entry.Counts;
        }
    }

    private async Task RefreshAsync(MessageFilter key, Entry entry, Action? refreshed)
    {
        await Task.Yield();
        try
        {
            var counts = await queries.CountByStatusAsync(key);
            lock (entry)
            {
                entry.Counts = counts;
                entry.At = time.GetUtcNow();
            }

            if (cache.Count > MaxEntries)
            {
                cache.Clear();
            }

            refreshed?.Invoke();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Counting messages by status failed");
        }
        finally
        {
            lock (entry)
            {
                entry.Refreshing = null;
            }
        }
    }

    private sealed class Entry
    {
        public IReadOnlyDictionary<MessageStatus, int>? Counts { get; set; }

        public DateTimeOffset At { get; set; }

        public Task? Refreshing { get; set; }
    }
}
