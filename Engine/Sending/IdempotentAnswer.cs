namespace NotificationOps.Engine.Sending;

/// <summary>
/// A request's answer, stored on its Idempotency-Key's record in the transaction that does the request's work (the
/// send intake's), while the key is still held by this request's lease. The middleware's own write after the response
/// then finds the record completed and leaves it.
/// </summary>
public sealed record IdempotentAnswer(IdempotencyHold Hold, int StatusCode, string Body, string ContentType);
