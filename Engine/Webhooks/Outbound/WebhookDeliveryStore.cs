using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// The delivery job's reads and writes: takes a batch of due deliveries of one endpoint under a lease (keeping one
/// message's events in order), and records a batch of attempts with their consequences: the next attempt on the
/// retry schedule, a final failure, and the endpoint disabled on 410 Gone or after five days of failures.
/// </summary>
public sealed class WebhookDeliveryStore(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IWriteTransactions writes,
    WebhookSubscriptions subscriptions,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryStore> logger)
{
    public const int BatchSize = 100;

    /// <summary>An endpoint failing every attempt this long is disabled (and an alert logged).</summary>
    public static readonly TimeSpan DisableAfterFailing = TimeSpan.FromDays(5);

    /// <summary>How the reason of an endpoint disabled for failing every attempt begins: the ops rule that raises the alert looks for it.</summary>
    public const string FailingReasonPrefix = "Every attempt failed";

    /// <summary>The shortest lease: a crashed job's deliveries are free again after it.</summary>
    private static readonly TimeSpan MinimumLease = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A batch's lease: longer than it can be held by a live job, at least <see cref="MinimumLease"/>. A batch is
    /// leased while the one before it is sent, and then sent itself: two batches, each request up to the timeout,
    /// <see cref="WebhookOptions.MaxConcurrencyPerEndpoint"/> at a time, plus the wait for sends, plus a minute. A
    /// slow endpoint with little concurrency (1 at a time, 30 s timeouts: 100 minutes) thus never sees its batch
    /// expire under a live job, delivered twice or overtaken by a later event of the same message.
    /// </summary>
    public static TimeSpan LeaseFor(WebhookOptions options)
    {
        var waves = (BatchSize + options.MaxConcurrencyPerEndpoint - 1) / options.MaxConcurrencyPerEndpoint;
        var held = TimeSpan.FromSeconds(2.0 * waves * options.TimeoutSeconds) + TimeSpan.FromMilliseconds(options.YieldToSendsMs) + TimeSpan.FromMinutes(1);
        return held > MinimumLease ? held : MinimumLease;
    }

    /// <summary>
    /// Leases up to <see cref="BatchSize"/> due deliveries, in write order, after recording <paramref name="recorded"/>
    /// (the batch sent before), both in ONE write transaction: each SQLite write transaction is a turn at the write
    /// gate the send pipeline queues at too, so the job takes one turn per batch, not two (docs/webhooks.md,
    /// "Benchmark"). A message whose earlier event is still waiting for its first attempt (leased by a batch in
    /// flight, or let go untried by this record) contributes nothing this time: a later status never overtakes an
    /// earlier one's first attempt. Without <paramref name="lease"/> it only records.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDelivery>> RecordAndLeaseAsync(
        string endpointId, WebhookBatchRecord? recorded, bool lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = recorded is null ? null : PrepareRecord(recorded, now);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Chosen before the transaction (a read needs no turn at the gate). The rows this transaction records count
        // as attempted if they were, and as still waiting if they are let go untried.
        var chosen = lease ? await ChooseAsync(db, endpointId, recorded, now, cancellationToken) : [];
        if (record is null && chosen.Count == 0)
        {
            return [];
        }

        var owner = Guid.NewGuid().ToString("N");
        var disabled = false;
        await using (var transaction = await writes.BeginAsync(db, cancellationToken))
        {
            if (record is not null)
            {
                disabled = await WriteRecordAsync(db, recorded!.EndpointId, record, now, cancellationToken);
            }

            if (chosen.Count > 0 && !disabled)
            {
                var until = now + LeaseFor(options.Value);
                await db.WebhookDeliveries
                    .Where(d => chosen.Contains(d.Id) && d.State == WebhookDeliveryState.Pending && (d.LeaseUntil == null || d.LeaseUntil <= now))
                    .ExecuteUpdateAsync(set => set.SetProperty(d => d.LeaseUntil, until).SetProperty(d => d.LeaseOwner, owner), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (disabled)
        {
            subscriptions.Invalidate();
            return [];
        }

        return chosen.Count == 0 ? [] : await db.WebhookDeliveries.AsNoTracking()
            .Where(d => chosen.Contains(d.Id) && d.LeaseOwner == owner).OrderBy(d => d.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Stores a batch's attempts (and lets its untried rows go) in a transaction of its own.</summary>
    public Task RecordAsync(WebhookBatchRecord recorded, CancellationToken cancellationToken) =>
        RecordAndLeaseAsync(recorded.EndpointId, recorded, lease: false, cancellationToken);

    private async Task<List<long>> ChooseAsync(
        NotificationsDbContext db, string endpointId, WebhookBatchRecord? recorded, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.EndpointId == endpointId && d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.MessageId, d.LeaseUntil, d.Attempts })
            .Take(BatchSize * 4)
            .ToListAsync(cancellationToken);
        var recording = recorded?.Batch.Select(d => d.Id).ToHashSet() ?? [];
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        var chosen = new List<long>();
        foreach (var row in candidates)
        {
            if (row.MessageId is not null && blocked.Contains(row.MessageId))
            {
                continue;
            }

            var attempted = recording.Contains(row.Id) && recorded!.Attempts.ContainsKey(row.Id);
            var held = row.LeaseUntil > now || recording.Contains(row.Id);
            if (held)
            {
                if (row.Attempts == 0 && !attempted && row.MessageId is not null)
                {
                    blocked.Add(row.MessageId);
                }

                continue;
            }

            chosen.Add(row.Id);
            if (chosen.Count == BatchSize)
            {
                break;
            }
        }

        return chosen;
    }

    private sealed record PreparedRecord(List<object?[]> Rows, List<WebhookAttempt> Log, List<long> Untried, List<WebhookAttemptResult> Results);

    /// <summary>Everything the record writes, computed before the transaction so the gate is held only for the writes.</summary>
    private PreparedRecord PrepareRecord(WebhookBatchRecord recorded, DateTimeOffset now)
    {
        var waits = WebhookRetrySchedule.Parse(options.Value.RetrySchedule);
        var rows = new List<object?[]>(recorded.Attempts.Count);
        var log = new List<WebhookAttempt>(recorded.Attempts.Count);
        var untried = new List<long>();
        foreach (var row in recorded.Batch)
        {
            if (!recorded.Attempts.TryGetValue(row.Id, out var attempt))
            {
                untried.Add(row.Id);
                continue;
            }

            var (payload, result) = attempt;
            var (state, next, index) = result.Succeeded ? (WebhookDeliveryState.Delivered, (DateTimeOffset?)null, row.ScheduleIndex)
                : row.ScheduleIndex < waits.Count ? (WebhookDeliveryState.Pending, now + waits[row.ScheduleIndex], row.ScheduleIndex + 1)
                : (WebhookDeliveryState.Failed, null, row.ScheduleIndex);
            rows.Add([row.Id, payload, state, next, index, result.At, result.StatusCode, result.Error, result.Succeeded ? result.At : null]);
            log.Add(new WebhookAttempt
            {
                DeliveryId = row.Id,
                EndpointId = row.EndpointId,
                At = result.At,
                DurationMs = result.DurationMs,
                StatusCode = result.StatusCode,
                ResponseBody = result.ResponseBody,
                Error = result.Error,
            });
        }

        return new PreparedRecord(rows, log, untried, recorded.Attempts.Values.Select(a => a.Result).ToList());
    }

    /// <summary>
    /// The attempts and what follows from them, set-based: the next attempt is computed from the leased rows, which
    /// nobody else changes while the lease holds. The update goes in chunks of at most
    /// <see cref="UpdateParameters"/> parameters: SQLite binds a named parameter by a linear scan of the statement's
    /// names, so a 64-row statement of 9 values each spent its time binding (see ModelRowInserter). True when the
    /// endpoint was disabled.
    /// </summary>
    private async Task<bool> WriteRecordAsync(NotificationsDbContext db, string endpointId, PreparedRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var chunk in record.Rows.Chunk(Math.Max(1, UpdateParameters / AttemptValues.Length)))
        {
            await ModelRowUpdater.UpdateAsync<WebhookDelivery>(db, AttemptValues, chunk, AttemptSet, "t.\"Id\" = v.\"Id\"", nameof(WebhookDelivery.WebhookId), [], cancellationToken);
        }

        if (record.Untried.Count > 0)
        {
            await db.WebhookDeliveries.Where(d => record.Untried.Contains(d.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null).SetProperty(d => d.LeaseOwner, (string?)null), cancellationToken);
        }

        await ModelRowInserter.InsertAsync(db, record.Log, cancellationToken);
        return await UpdateEndpointAsync(db, endpointId, record.Results, now, cancellationToken);
    }

    private const int UpdateParameters = 128;

    private static readonly (string Alias, string Property)[] AttemptValues =
    [
        ("Id", nameof(WebhookDelivery.Id)),
        ("Payload", nameof(WebhookDelivery.Payload)),
        ("State", nameof(WebhookDelivery.State)),
        ("NextAttemptAt", nameof(WebhookDelivery.NextAttemptAt)),
        ("ScheduleIndex", nameof(WebhookDelivery.ScheduleIndex)),
        ("LastAttemptAt", nameof(WebhookDelivery.LastAttemptAt)),
        ("LastStatusCode", nameof(WebhookDelivery.LastStatusCode)),
        ("LastError", nameof(WebhookDelivery.LastError)),
        ("DeliveredAt", nameof(WebhookDelivery.DeliveredAt)),
    ];

    private const string AttemptSet =
        "\"Payload\" = v.\"Payload\", \"State\" = v.\"State\", \"NextAttemptAt\" = v.\"NextAttemptAt\", \"ScheduleIndex\" = v.\"ScheduleIndex\", " +
        "\"Attempts\" = t.\"Attempts\" + 1, \"LastAttemptAt\" = v.\"LastAttemptAt\", \"LastStatusCode\" = v.\"LastStatusCode\", " +
        "\"LastError\" = v.\"LastError\", \"DeliveredAt\" = v.\"DeliveredAt\", \"LeaseUntil\" = NULL, \"LeaseOwner\" = NULL";

    /// <summary>A success clears the failing streak; 410 or five days of nothing but failures disables. True when it disabled.</summary>
    private async Task<bool> UpdateEndpointAsync(
        NotificationsDbContext db, string endpointId, IReadOnlyList<WebhookAttemptResult> results, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return false;
        }

        if (results.Any(r => r.Succeeded) && !results.Any(r => r.Gone))
        {
            // The common case, written without reading the endpoint (nothing at all when no streak is open).
            await db.WebhookEndpoints.Where(e => e.Id == endpointId && e.FailingSince != null)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.FailingSince, (DateTimeOffset?)null), cancellationToken);
            return false;
        }

        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == endpointId, cancellationToken);
        if (endpoint is null)
        {
            return false;
        }

        var disabled = false;
        if (results.Any(r => r.Gone))
        {
            Disable(endpoint, "The endpoint answered 410 Gone.", now);
            logger.LogWarning("Webhook endpoint {EndpointId} ({Origin}) answered 410 Gone and was disabled", endpoint.Id, UrlDisplay.Origin(endpoint.Url));
            disabled = true;
        }
        else
        {
            endpoint.FailingSince ??= results.Min(r => r.At);
            if (now - endpoint.FailingSince >= DisableAfterFailing && endpoint.Enabled)
            {
                Disable(endpoint, $"{FailingReasonPrefix} for {DisableAfterFailing.TotalDays:0} days (since {endpoint.FailingSince:u}).", now);
                // The alert: the incident rule WebhookEndpointDisabledRule reads this row (so a crash right after the
                // commit still alerts); the error is for log alerting.
                logger.LogError(new EventId(4101, "WebhookEndpointDisabled"),
                    "ALERT: webhook endpoint {EndpointId} ({Origin}) failed every attempt since {FailingSince:u} and was disabled",
                    endpoint.Id, UrlDisplay.Origin(endpoint.Url), endpoint.FailingSince);
                disabled = true;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return disabled;
    }

    private static void Disable(WebhookEndpoint endpoint, string reason, DateTimeOffset now)
    {
        endpoint.Enabled = false;
        endpoint.DisabledReason = reason;
        endpoint.DisabledAt = now;
        endpoint.UpdatedAt = now;
    }
}
