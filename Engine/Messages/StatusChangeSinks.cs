using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Messages;

/// <summary>Hands changes to every registered <see cref="IStatusChangeSink"/>, inside the caller's transaction.</summary>
public static class StatusChangeSinks
{
    public static async Task WriteAsync(IEnumerable<IStatusChangeSink> sinks, NotificationsDbContext db, IReadOnlyList<MessageChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }

        foreach (var sink in sinks)
        {
            await sink.WriteAsync(db, changes, cancellationToken);
        }
    }
}
