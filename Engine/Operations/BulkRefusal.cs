namespace NotificationOps.Engine.Operations;

public sealed record BulkRefusal(string MessageId, string Reason);
