using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Messages;

/// <summary>
/// The one seam every status change (and tracking hit) passes through while its write transaction is still open:
/// what a sink writes commits or rolls back with the change itself, so nothing is announced that did not happen and
/// nothing that happened goes unannounced. Called by <see cref="MessageStatusWriter"/> (every transition), the intake
/// (a message's first status) and the tracking hit writer (each hit). A sink writes in the open transaction
/// (<see cref="ModelRowInserter"/>) and must be cheap when it has nothing to do.
/// </summary>
public interface IStatusChangeSink
{
    Task WriteAsync(NotificationsDbContext db, IReadOnlyList<MessageChange> changes, CancellationToken cancellationToken);
}
