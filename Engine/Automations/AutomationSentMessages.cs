using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Automations;

/// <summary>Whether a send step's derived id was already accepted (as a message id or, for a fan-out, a request id).</summary>
public sealed class AutomationSentMessages(IDbContextFactory<NotificationsDbContext> dbFactory)
{
    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The fan-out row too: a list send whose expansion has not written a message yet (or found nobody) was accepted.
        return await db.Messages.AnyAsync(m => m.Id == id || m.RequestId == id, cancellationToken)
            || await db.FanOutRequests.AnyAsync(r => r.Id == id, cancellationToken);
    }
}
