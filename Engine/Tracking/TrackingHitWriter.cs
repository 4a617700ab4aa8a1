using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Tracking;

/// <summary>
/// Stores tracking hits through a group commit: a hit is acknowledged once committed, many hits share one
/// transaction. In that transaction the hits right after delivery are flagged, and a message's first human open
/// or click moves its status (OPENED, CLICKED) through the status writer; machine hits never do. Beyond
/// <c>Tracking:MaxHitsPerTokenPerMinute</c> a token's hits are counted, not stored (<see cref="TrackingHitCap"/>).
/// </summary>
public sealed class TrackingHitWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly IDbContextFactory<NotificationsDbContext> dbFactory;
    private readonly MessageStatusWriter statusWriter;
    private readonly IOptions<TrackingOptions> options;
    private readonly GroupCommit<TrackingHit> writer;
    private readonly IWriteTransactions writes;
    private readonly IEnumerable<IStatusChangeSink> sinks;
    private readonly NotificationMetrics? metrics;

    public TrackingHitWriter(
        IDbContextFactory<NotificationsDbContext> dbFactory, MessageStatusWriter statusWriter, IOptions<TrackingOptions> options, ILogger<TrackingHitWriter> logger, IWriteTransactions writes,
        IEnumerable<IStatusChangeSink> sinks, NotificationMetrics? metrics = null)
    {
        this.sinks = sinks;
        this.writes = writes;
        this.metrics = metrics;
        this.dbFactory = dbFactory;
        this.statusWriter = statusWriter;
        this.options = options;
        writer = new GroupCommit<TrackingHit>(CommitAsync, logger, MaxBatch);
    }

    /// <summary>Completes once the hit (and any status change it causes) is committed.</summary>
    public async Task WriteAsync(TrackingHit hit)
    {
        await writer.WriteAsync(hit);
        metrics?.TrackingHit(hit.Kind.ToString().ToLowerInvariant(), hit.Machine);
    }

    public ValueTask DisposeAsync() => writer.DisposeAsync();

    private async Task CommitAsync(IReadOnlyList<TrackingHit> hits)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await writes.BeginAsync(db);
        var ids = hits.Select(h => h.MessageId).Distinct().ToList();
        var messages = await db.Messages.AsNoTracking()
            .Where(m => ids.Contains(m.Id))
            .Select(m => new MessageState(m.Id, m.Status, m.SentAt, m.DeliveredAt))
            .ToDictionaryAsync(m => m.Id);
        var window = TimeSpan.FromSeconds(options.Value.MachineHitWindowSeconds);
        var stored = new List<TrackingHit>(hits.Count);
        foreach (var hit in hits)
        {
            if (!messages.TryGetValue(hit.MessageId, out var message))
            {
                continue; // a genuine token of a message deleted since: nothing to attach the hit to
            }

            if (!hit.Machine && (Within(hit.At, message.SentAt, window) || Within(hit.At, message.DeliveredAt, window)))
            {
                hit.Machine = true;
                hit.MachineReason = $"within {window.TotalSeconds:0.#} s of delivery";
            }

            stored.Add(hit);
        }

        var kept = await TrackingHitCap.ApplyAsync(db, stored, options.Value.MaxHitsPerTokenPerMinute);
        await ModelRowInserter.InsertAsync(db, kept);
        foreach (var first in kept.Where(h => !h.Machine).GroupBy(h => h.MessageId))
        {
            var click = first.FirstOrDefault(h => h.Kind == TrackingHitKind.Click);
            var signal = click ?? first.First();
            await TransitionAsync(db, messages[first.Key].Status, signal);
        }

        // Each stored hit is an event of its own (message:opened / message:clicked), the first human one or not.
        await StatusChangeSinks.WriteAsync(sinks, db, kept.Select(HitChange).ToList(), CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private static MessageChange HitChange(TrackingHit hit) =>
        new(hit.MessageId, hit.Kind == TrackingHitKind.Click ? MessageChange.Clicked : MessageChange.Opened, null, hit.At)
        {
            Machine = hit.Machine,
            Detail = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["at"] = hit.At.ToUnixTimeMilliseconds(),
                ["link_id"] = hit.LinkId,
                ["machine"] = hit.Machine,
                ["machine_reason"] = hit.MachineReason,
                ["user_agent"] = hit.UserAgent,
            }),
        };

    private async Task TransitionAsync(NotificationsDbContext db, MessageStatus current, TrackingHit hit)
    {
        var to = hit.Kind == TrackingHitKind.Click ? MessageStatus.Clicked : MessageStatus.Opened;
        if (!MessageStatusMachine.CanTransition(current, to))
        {
            return; // already there or beyond: a repeat is an event only
        }

        var request = new TransitionRequest(hit.MessageId, current, to, MessageEventSources.Tracking)
        {
            At = hit.At,
            Detail = hit.Kind == TrackingHitKind.Click
                ? $"First human click (link {hit.LinkId}){(hit.Proxied ? " through an image proxy" : "")}."
                : $"First human open{(hit.Proxied ? " through an image proxy" : "")}.",
        };
        var result = await statusWriter.TryTransitionAsync(db, request);
        if (result.Outcome == TransitionOutcome.Conflict)
        {
            // A webhook or job moved it meanwhile (DELIVERED arriving): decide again from where it stands now.
            var now = await db.Messages.AsNoTracking().Where(m => m.Id == hit.MessageId).Select(m => m.Status).SingleAsync();
            if (MessageStatusMachine.CanTransition(now, to))
            {
                await statusWriter.TryTransitionAsync(db, request with { ExpectedFrom = now });
            }
        }
    }

    private static bool Within(DateTimeOffset at, DateTimeOffset? reference, TimeSpan window) =>
        reference is { } r && at >= r && at - r < window;

    private sealed record MessageState(string Id, MessageStatus Status, DateTimeOffset? SentAt, DateTimeOffset? DeliveredAt);
}
