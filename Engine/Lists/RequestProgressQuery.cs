using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Lists;

/// <summary>A request's progress: the fan-out row when the send named lists, else the messages the intake stored.</summary>
public sealed class RequestProgressQuery(IDbContextFactory<NotificationsDbContext> dbFactory)
{
    public async Task<RequestProgress?> GetAsync(string requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var fanOut = await db.FanOutRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        var messages = await db.Messages.CountAsync(m => m.RequestId == requestId, cancellationToken);
        if (fanOut is not null)
        {
            return new RequestProgress(requestId, fanOut.Status, fanOut.Members, messages, fanOut.Duplicates, fanOut.Reason, fanOut.CreatedAt, fanOut.CompletedAt);
        }

        if (messages == 0)
        {
            return null;
        }

        var first = await db.Messages.AsNoTracking().Where(m => m.RequestId == requestId).MinAsync(m => m.EnqueuedAt, cancellationToken);
        return new RequestProgress(requestId, FanOutStatus.Completed, messages, messages, 0, null, first, first);
    }
}
