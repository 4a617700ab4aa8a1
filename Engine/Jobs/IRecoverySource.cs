namespace NotificationOps.Engine.Jobs;

/// <summary>A kind of durable work the recovery sweep re-enqueues when it is due and unleased.</summary>
public interface IRecoverySource
{
    /// <summary>Re-enqueues what is due; returns how many items it re-enqueued.</summary>
    Task<int> RecoverAsync(CancellationToken cancellationToken);
}
