namespace NotificationOps.Engine.Operations;

/// <summary>
/// A message a bulk operation acted on (requeued or canceled). Kept so the operation can report what became of
/// exactly those messages, from their current status, and the event log can list them (<c>?bulk=id</c>).
/// </summary>
public sealed class BulkOperationMessage
{
    public required string OperationId { get; set; }

    public required string MessageId { get; set; }
}
