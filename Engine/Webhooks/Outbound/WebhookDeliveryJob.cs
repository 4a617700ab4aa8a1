using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
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
    Microsoft.Extensions.Options.IOptions<WebhookOptions> options)
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
    /// Batch after batch until none is due. A batch's attempts are recorded while the next batch is leased and sent:
    /// the endpoint is not left idle for a write transaction per batch. Order still holds, because the recorded
    /// batch's rows stay leased with no attempt until their record commits, so a later event of the same message
    /// waits (see <see cref="WebhookDeliveryStore.LeaseBatchAsync"/>). At most one record is in flight.
    /// </summary>
    private async Task<int> DrainAsync(string endpointId, CancellationToken cancellationToken)
    {
        var total = 0;
        Task recording = Task.CompletedTask;
        try
        {
            while (true)
            {
                var endpoint = await endpoints.GetAsync(endpointId, cancellationToken);
                if (endpoint is not { Enabled: true })
                {
                    break;
                }

                var recordedBefore = recording.IsCompleted;
                var batch = await store.LeaseBatchAsync(endpointId, cancellationToken);
                if (batch.Count == 0)
                {
                    // Rows of a batch still being recorded when this lease looked may have held back later events of
                    // their messages: once it is recorded, those are free, so look once more.
                    if (recordedBefore)
                    {
                        break;
                    }

                    await recording;
                    continue;
                }

                var (attempts, gone) = await SendAsync(endpoint, batch, cancellationToken);
                await recording;
                recording = store.RecordAsync(endpoint, batch, attempts, CancellationToken.None);
                total += attempts.Count;
                if (gone)
                {
                    break; // disabled by a 410 once recorded: the rest stays pending, untried
                }
            }
        }
        finally
        {
            await recording;
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
