using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Operations;

/// <summary>
/// The dry run: how many messages the operation would touch, by status, how many it can act on, and (for a retry)
/// how many of those would fail the same way again, by reason: they are left out unless the operator includes them.
/// </summary>
public sealed record BulkPreview(
    BulkOperationKind Kind,
    int Total,
    int Eligible,
    IReadOnlyDictionary<MessageStatus, int> ByStatus,
    IReadOnlyDictionary<MessageReason, int> Unfixable)
{
    public int UnfixableTotal => Unfixable.Values.Sum();
}
