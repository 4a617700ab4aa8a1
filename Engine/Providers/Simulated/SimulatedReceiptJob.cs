using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Providers.Simulated;

/// <summary>The simulated provider's delivery receipt: SENT → DELIVERED, as a real provider's webhook would.</summary>
public sealed class SimulatedReceiptJob(IDbContextFactory<NotificationsDbContext> dbFactory, MessageStatusWriter writer)
{
    public async Task RunAsync(string messageId, string providerMessageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.AsNoTracking()
            .Where(m => m.Id == messageId)
            .Select(m => new { m.Status, m.Provider, m.ProviderMessageId })
            .FirstOrDefaultAsync(cancellationToken);

        // A receipt for an older attempt, or for a message that moved on, changes nothing.
        if (message is null || message.ProviderMessageId != providerMessageId || message.Status != MessageStatus.Sent)
        {
            return;
        }

        await writer.TryTransitionAsync(db, Receipt(messageId, message.Provider, providerMessageId), cancellationToken);
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
