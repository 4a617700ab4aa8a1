using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Inbound;

/// <summary>
/// Courier's inbound track events: each is stored once (its messageId is unique) together with the automation runs
/// its event name triggers, in one transaction, the event's properties as the runs' data.
/// </summary>
public sealed class InboundEvents(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IWriteTransactions writes,
    AutomationTemplates templates,
    AutomationInvoker invoker,
    TimeProvider time)
{
    /// <summary>The ids of the runs started; null when an event with this messageId was already received.</summary>
    public async Task<IReadOnlyList<string>?> ReceiveAsync(string messageId, string eventName, string? userId, JsonObject properties, CancellationToken cancellationToken = default)
    {
        var triggered = await templates.TriggeredByAsync(eventName, cancellationToken);
        IReadOnlyList<string> runIds;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await writes.BeginAsync(db, cancellationToken);
            if (await db.InboundEvents.AnyAsync(e => e.MessageId == messageId, cancellationToken))
            {
                return null;
            }

            runIds = invoker.AddRuns(db, triggered.Select(t => t with { Recipient = userId, Data = (JsonObject)properties.DeepClone() }));
            db.InboundEvents.Add(new InboundEvent
            {
                MessageId = messageId,
                Event = eventName,
                UserId = userId,
                PropertiesJson = properties.ToJsonString(),
                ReceivedAt = time.GetUtcNow(),
                RunsStarted = runIds.Count,
            });
            await db.SaveChangesAsync(cancellationToken);
            await invoker.AnnounceAsync(db, runIds, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var runId in runIds)
        {
            invoker.Enqueue(runId);
        }

        return runIds;
    }
}
