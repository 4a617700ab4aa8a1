using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// The seam a run's status change (RUNNING, WAITING, COMPLETED, FAILED, CANCELED) passes through while its write
/// transaction is still open, as <see cref="Messages.IStatusChangeSink"/> is for messages: what a sink writes commits
/// or rolls back with the change. Called after the change is written (the run's row reads as it now stands), with the
/// ids of the runs whose status changed; a sink must be cheap when it has nothing to do.
/// </summary>
public interface IRunChangeSink
{
    Task WriteAsync(NotificationsDbContext db, IReadOnlyList<string> runIds, CancellationToken cancellationToken);
}
