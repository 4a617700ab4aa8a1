using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// Delivers one endpoint's due deliveries, batch after batch, until none is due. Within a batch messages go out
/// concurrently (at most <see cref="WebhookOptions.MaxConcurrencyPerEndpoint"/> requests in flight) and each
/// message's events one after the other, in write order. Runs as a Hangfire job; any run may be a duplicate.
/// </summary>
public sealed class WebhookDeliveryJob(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    WebhookDeliveryStore store,
    WebhookEndpointService endpoints,
    WebhookSender sender,
    WebhookEndpointRuns runs,
    Microsoft.Extensions.Options.IOptions<WebhookOptions> options,
    WebhookSendsFirst sendsFirst,
    NotificationMetrics? metrics = null)
{
    /// <summary>Answers how many attempts it made.</summary>
    public async Task<int> RunAsync(string endpointId, CancellationToken cancellationToken)
    {
        if (!runs.TryStart(endpointId))
        {
            return 0;
        }

        var total = 0;
        try
        {
            do
            {
                total += await DrainAsync(endpointId, cancellationToken);
            }
            while (runs.LookAgain(endpointId));
        }
        catch
        {
            runs.Release(endpointId);
            throw;
        }

        return total;
    }

    /// <summary>
    /// Batch after batch until none is due, with ONE write transaction per batch: while a batch is sent, the batch
    /// before it is recorded and the one after it leased, together (<see cref="WebhookDeliveryStore.RecordAndLeaseAsync"/>).
    /// The endpoint is not left idle for a write, and the job takes one turn per batch at the SQLite write gate that
    /// the send pipeline queues at too. Order still holds: the batch in flight stays leased with no attempt until
    /// its record commits, so a later event of the same message is not leased meanwhile.
    /// </summary>
    private async Task<int> DrainAsync(string endpointId, CancellationToken cancellationToken)
    {
        var total = 0;
        WebhookBatchRecord? sent = null; // sent, not yet recorded
        IReadOnlyList<WebhookDelivery> next = await store.RecordAndLeaseAsync(endpointId, null, lease: true, cancellationToken);
        try
        {
            while (true)
            {
                var endpoint = await endpoints.GetAsync(endpointId, cancellationToken);
                if (endpoint is not { Enabled: true })
                {
                    break;
                }

                if (next.Count == 0)
                {
                    if (sent is null)
                    {
                        break;
                    }

                    // Rows held back by the unrecorded batch are free once it is recorded: record it and look again.
                    (next, sent) = (await store.RecordAndLeaseAsync(endpointId, sent, lease: true, CancellationToken.None), null);
                    continue;
                }

                // Leased, and the batch before it sent: it waits here while sends come first.
                await sendsFirst.WaitForTurnAsync(next.Min(d => d.OccurredAt), cancellationToken);
                var batch = next;
                next = [];
                var sending = SendAsync(endpoint, batch, cancellationToken);
                var recordAndLease = store.RecordAndLeaseAsync(endpointId, sent, lease: true, CancellationToken.None);
                var previous = sent;
                sent = null;
                try
                {
                    await Task.WhenAll(sending, recordAndLease);
                }
                catch
                {
                    // Recorded on the way out: what was sent (or let go untried), and a record that failed, once more.
                    next = recordAndLease.IsCompletedSuccessfully ? recordAndLease.Result : [];
                    var attempted = sending.IsCompletedSuccessfully ? sending.Result.Attempts : new Dictionary<long, (string, WebhookAttemptResult)>();
                    sent = recordAndLease.IsCompletedSuccessfully || previous is null
                        ? new WebhookBatchRecord(endpointId, batch, attempted)
                        : new WebhookBatchRecord(endpointId, [.. previous.Batch, .. batch], previous.Attempts.Concat(attempted).ToDictionary());
                    throw;
                }

                var (attempts, gone) = sending.Result;
                next = recordAndLease.Result;
                sent = new WebhookBatchRecord(endpointId, batch, attempts);
                total += attempts.Count;
                if (gone)
                {
                    break; // disabled by a 410 once recorded: the rest stays pending, untried
                }
            }
        }
        finally
        {
            // The last batch's attempts; rows leased and not sent are let go (a crash leaves them to the lease's end).
            if (sent is not null || next.Count > 0)
            {
                await store.RecordAsync(new WebhookBatchRecord(endpointId, [.. sent?.Batch ?? [], .. next], sent?.Attempts ?? new Dictionary<long, (string, WebhookAttemptResult)>()), CancellationToken.None);
            }
        }

        return total;
    }

    private async Task<(Dictionary<long, (string, WebhookAttemptResult)> Attempts, bool Gone)> SendAsync(
        WebhookEndpoint endpoint, IReadOnlyList<WebhookDelivery> batch, CancellationToken cancellationToken)
    {
        var payloads = await PayloadsAsync(batch, cancellationToken);
        var secrets = endpoints.SigningSecrets(endpoint);
        var attempts = new System.Collections.Concurrent.ConcurrentDictionary<long, (string, WebhookAttemptResult)>();
        var gone = false;
        var groups = batch.GroupBy(d => d.MessageId ?? $"#{d.Id}").Select(g => g.OrderBy(d => d.Id).ToList()).ToList();
        await Parallel.ForEachAsync(
            groups,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrencyPerEndpoint, CancellationToken = cancellationToken },
            async (group, token) =>
            {
                foreach (var delivery in group)
                {
                    if (Volatile.Read(ref gone))
                    {
                        return; // disabled by a 410: the rest stays pending, untried
                    }

                    var result = await sender.SendAsync(endpoint.Url, secrets, delivery.WebhookId, payloads[delivery.Id], token);
                    if (delivery.Attempts == 0)
                    {
                        metrics?.WebhookFirstAttempt(endpoint.Id, result.At - delivery.OccurredAt);
                    }

                    attempts[delivery.Id] = (payloads[delivery.Id], result);
                    if (result.Gone)
                    {
                        Volatile.Write(ref gone, true);
                    }
                }
            });
        return (attempts.ToDictionary(a => a.Key, a => a.Value), gone);
    }

    /// <summary>The stored body, or the one built now from the message (fixed from then on).</summary>
    private async Task<Dictionary<long, string>> PayloadsAsync(IReadOnlyList<WebhookDelivery> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Where(d => d.Payload is null && d.MessageId is not null).Select(d => d.MessageId!).Distinct().ToList();
        Dictionary<string, Message> messages = [];
        if (ids.Count > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // What GET /api/messages/{id} shows, without the large request and rendered-output columns.
            messages = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id))
                .Select(m => new Message
                {
                    Id = m.Id,
                    RequestId = m.RequestId,
                    Recipient = m.Recipient,
                    RequestJson = string.Empty,
                    Template = m.Template,
                    Channel = m.Channel,
                    Provider = m.Provider,
                    Status = m.Status,
                    Reason = m.Reason,
                    Error = m.Error,
                    EnqueuedAt = m.EnqueuedAt,
                    SentAt = m.SentAt,
                    DeliveredAt = m.DeliveredAt,
                    OpenedAt = m.OpenedAt,
                    ClickedAt = m.ClickedAt,
                    UpdatedAt = m.UpdatedAt,
                    AttemptCount = m.AttemptCount,
                    NextAttemptAt = m.NextAttemptAt,
                    Tags = m.Tags,
                    TraceId = m.TraceId,
                })
                .ToDictionaryAsync(m => m.Id, StringComparer.Ordinal, cancellationToken);
        }

        return batch.ToDictionary(
            d => d.Id,
            d => d.Payload ?? WebhookPayloads.ForMessage(d, d.MessageId is null ? null : messages.GetValueOrDefault(d.MessageId)));
    }
}
