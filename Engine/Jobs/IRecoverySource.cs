namespace NotificationOps.Engine.Jobs;

/// <summary>A kind of durable work the recovery sweep re-enqueues when it is due and unleased.</summary>
public interface IRecoverySource
{
    /// <summary>
    /// Re-enqueues what is due; returns how many items it re-enqueued. At <paramref name="startup"/> nothing is in
    /// flight yet, so work that became due a moment ago is taken too.
    /// </summary>
    Task<int> RecoverAsync(bool startup, CancellationToken cancellationToken);
}
