namespace NotificationOps.Engine.Providers.Simulated;

/// <summary>
/// A simulated delivery receipt still to come: future work as a row (DESIGN.md, Jobs). Written in the transaction
/// that makes the message SENT; <see cref="SimulatedReceiptJob"/> executes it when it is due and deletes it, and the
/// recovery sweep re-enqueues it when that job was lost (a crash, a restart with in-memory job storage).
/// </summary>
public sealed class SimulatedReceipt
{
    public long Id { get; set; }

    public required string MessageId { get; set; }

    /// <summary>The provider that accepted the attempt.</summary>
    public required string Provider { get; set; }

    /// <summary>The accepted attempt's id at the provider: a receipt for an older attempt changes nothing.</summary>
    public required string ProviderMessageId { get; set; }

    /// <summary>When the receipt arrives.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>A job was enqueued for it (by the sweep) and holds it until then; after that the sweep may enqueue again.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}
