using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Operations;

/// <summary>Retry or cancel every message of a filter, or a selection: a dry run first, then a Hangfire job with progress.</summary>
public sealed class BulkOperations(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    MessageQueries queries,
    IBackgroundJobClient jobs,
    RetryForecast forecast,
    TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<BulkPreview> PreviewAsync(BulkOperationKind kind, MessageFilter? filter, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken = default)
    {
        IReadOnlyDictionary<MessageStatus, int> byStatus;
        if (ids is not null)
        {
            var messages = await queries.FindManyAsync(ids, cancellationToken);
            byStatus = messages.GroupBy(m => m.Status).ToDictionary(g => g.Key, g => g.Count());
            var eligible = messages.Where(m => IsEligible(kind, m)).ToList();
            var unfixable = kind == BulkOperationKind.Retry
                ? Unfixable(eligible.Select(m => (m.Reason, m.Channel, 1)))
                : new Dictionary<MessageReason, int>();
            return new BulkPreview(kind, messages.Count, eligible.Count, byStatus, unfixable);
        }

        byStatus = await queries.CountByStatusAsync(filter!, cancellationToken, respectStatuses: true);
        var eligibleCount = kind == BulkOperationKind.Cancel
            ? byStatus.Where(p => MessageStatusMachine.IsCancelable(p.Key)).Sum(p => p.Value)
            : byStatus.Where(p => MessageStatusMachine.IsRetryableFailure(p.Key)).Sum(p => p.Value);
        return new BulkPreview(kind, byStatus.Values.Sum(), eligibleCount, byStatus,
            kind == BulkOperationKind.Retry ? await UnfixableAsync(filter!, cancellationToken) : new Dictionary<MessageReason, int>());
    }

    public async Task<string> StartAsync(BulkOperationKind kind, MessageFilter? filter, IReadOnlyCollection<string>? ids, string? createdBy, bool includeUnfixable = false, CancellationToken cancellationToken = default)
    {
        var preview = await PreviewAsync(kind, filter, ids, cancellationToken);
        var operation = new BulkOperation
        {
            Id = MessageIds.New(),
            Kind = kind,
            FilterJson = ids is null ? JsonSerializer.Serialize(filter, Json) : null,
            MessageIdsJson = ids is null ? null : JsonSerializer.Serialize(ids, Json),
            State = BulkOperationState.Running,
            Total = preview.Total,
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow(),
            IncludeUnfixable = includeUnfixable,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.BulkOperations.Add(operation);
            await db.SaveChangesAsync(cancellationToken);
        }

        jobs.Enqueue<BulkOperationJob>(JobQueues.Default, job => job.RunAsync(operation.Id, CancellationToken.None));
        return operation.Id;
    }

    public async Task<BulkOperation?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BulkOperations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
    }

    /// <summary>Operations still running or finished in the last <paramref name="within"/>, newest first.</summary>
    public async Task<IReadOnlyList<BulkOperation>> RecentAsync(TimeSpan within, CancellationToken cancellationToken = default)
    {
        var since = time.GetUtcNow() - within;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BulkOperations.AsNoTracking()
            .Where(o => o.DismissedAt == null && (o.State == BulkOperationState.Running || o.CreatedAt >= since))
            .Where(o => o.Kind == BulkOperationKind.Retry || o.Kind == BulkOperationKind.Cancel) // messages only: run retries show on the Runs page
            .OrderByDescending(o => o.CreatedAt)
            .Take(5)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Closes an operation's panel; its messages stay linked (<c>?bulk=id</c>).</summary>
    public async Task<bool> DismissAsync(string id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BulkOperations.Where(o => o.Id == id && o.DismissedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.DismissedAt, now), cancellationToken) > 0;
    }

    /// <summary>What became of the messages the operation acted on, from their status now.</summary>
    public async Task<BulkOutcome> OutcomeAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Messages.AsNoTracking()
            .Where(m => db.BulkOperationMessages.Any(b => b.OperationId == id && b.MessageId == m.Id))
            .GroupBy(m => new { m.Status, m.Reason, Pending = m.NextAttemptAt != null })
            .Select(g => new { g.Key.Status, g.Key.Reason, g.Key.Pending, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return BulkOutcome.From(rows.Select(r => (r.Status, r.Reason, r.Pending, r.Count)));
    }

    internal static bool IsEligible(BulkOperationKind kind, Message message) => kind == BulkOperationKind.Cancel
        ? MessageStatusMachine.IsCancelable(message.Status)
        : MessageStatusMachine.CanRetry(message);

    /// <summary>Failures of the filter whose reason a retry cannot fix today (see <see cref="RetryForecast"/>).</summary>
    private async Task<IReadOnlyDictionary<MessageReason, int>> UnfixableAsync(MessageFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await MessageQueries.Apply(db, filter)
            .Where(m => (m.Status == MessageStatus.Undeliverable || m.Status == MessageStatus.Unroutable)
                && (m.Reason == MessageReason.NoChannels || m.Reason == MessageReason.NoProviders))
            .GroupBy(m => new { m.Reason, m.Channel })
            .Select(g => new { g.Key.Reason, g.Key.Channel, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return Unfixable(rows.Select(r => (r.Reason, r.Channel, r.Count)));
    }

    private Dictionary<MessageReason, int> Unfixable(IEnumerable<(MessageReason? Reason, string? Channel, int Count)> rows)
    {
        var result = new Dictionary<MessageReason, int>();
        foreach (var (reason, channel, count) in rows)
        {
            if (forecast.WillFailAgain(reason, channel) is { } again)
            {
                result[again] = result.GetValueOrDefault(again) + count;
            }
        }

        return result;
    }
}
