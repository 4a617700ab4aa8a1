using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Providers.Simulated;

/// <summary>
/// The simulated provider's delivery receipt: SENT → DELIVERED, as a real provider's webhook would. It executes a
/// <see cref="SimulatedReceipt"/> row and deletes it in the same transaction; run twice, the second run finds the
/// message DELIVERED and nothing left to do.
/// </summary>
public sealed class SimulatedReceiptJob(IDbContextFactory<NotificationsDbContext> dbFactory, MessageStatusWriter writer, IWriteTransactions writes)
{
    public async Task RunAsync(string messageId, string providerMessageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.AsNoTracking()
            .Where(m => m.Id == messageId)
            .Select(m => new { m.Status, m.Provider, m.ProviderMessageId })
            .FirstOrDefaultAsync(cancellationToken);

        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        // A receipt for an older attempt, or for a message that moved on, changes nothing.
        if (message is not null && message.ProviderMessageId == providerMessageId && message.Status == MessageStatus.Sent)
        {
            await writer.TryTransitionAsync(db, Receipt(messageId, message.Provider, providerMessageId), cancellationToken);
        }

        // Done either way: the receipt no longer waits for anything.
        await db.SimulatedReceipts.Where(r => r.MessageId == messageId && r.ProviderMessageId == providerMessageId).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>SENT → DELIVERED as the simulated provider's receipt.</summary>
    internal static TransitionRequest Receipt(string messageId, string? provider, string providerMessageId) =>
        new(messageId, MessageStatus.Sent, MessageStatus.Delivered, MessageEventSources.Provider)
        {
            Provider = provider,
            Detail = "Simulated delivery receipt.",
            Payload = $"{{\"simulated\":true,\"id\":\"{providerMessageId}\",\"event\":\"delivered\"}}",
        };
}
