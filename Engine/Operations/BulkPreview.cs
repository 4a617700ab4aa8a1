using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Operations;

/// <summary>The dry run: how many messages the operation would touch, by status, and how many it can act on.</summary>
public sealed record BulkPreview(BulkOperationKind Kind, int Total, int Eligible, IReadOnlyDictionary<MessageStatus, int> ByStatus);
